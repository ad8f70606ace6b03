package org.pathtovictory.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.pathtovictory.WebTestSupport;
import org.pathtovictory.endorsement.Intake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an operator's Prometheus reads at {@code /actuator/prometheus}: the season's meters after a
 * campaign, its mails and a refused deployment, every one tagged with the node; and who may read
 * them. Mails go to the demo profile's mail catcher on a free port.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.profiles.active=test,demo",
      "pathtovictory.node-name=" + OperationsMetricsTest.NODE,
      "pathtovictory.operations.metrics-token=" + OperationsMetricsTest.TOKEN,
      "pathtovictory.operations.gauges-fresh=0s",
      "pathtovictory.notifications.dispatch=true",
      "pathtovictory.notifications.poll-interval=100ms"
    })
@AutoConfigureObservability(tracing = false)
class OperationsMetricsTest extends WebTestSupport {

  static final String NODE = "node-under-test";
  static final String TOKEN = "test-metrics-token";
  static final String METRICS = "/actuator/prometheus";
  static final int SMTP_PORT = freePort();

  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void mailCatcher(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @Test
  void operatorReadsEveryMeterOfTheSeasonTaggedWithTheNode() {
    double refusedBefore = value(scrape(), "ptv_deployments_refused_total");
    double sentBefore = value(scrape(), "ptv_mail_sent_total");
    // Given a campaign whose first tasks mailed their volunteers
    Map<String, Object> intake = Intake.endorsementDaysBeforeElection(120);
    intake.put(
        "generalElectionDate",
        LocalDate.now(ZoneId.of("America/New_York")).plusDays(120).toString());
    String campaign = runtimeService.startProcessInstanceByKey("post-endorsement", intake).getId();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> value(scrape(), "ptv_mail_sent_total") > sentBefore);
    // and a job that failed for good, and a deployment the check refused
    // (a suspension planned for next year is a job of its own; this context's engine runs none)
    repositoryService.suspendProcessDefinitionByKey(
        "post-endorsement", false, java.util.Date.from(Instant.now().plus(Duration.ofDays(365))));
    Job job = managementService.createJobQuery().timers().list().get(0);
    managementService.setJobRetries(job.getId(), 0);
    assertThatThrownBy(
        () ->
            repositoryService
                .createDeployment()
                .addClasspathResource("modeling/refused/refused-at-start-up.bpmn")
                .deploy());

    // When an operator reads the metrics
    String metrics = scrape();

    // Then every meter of the season is there, with this node's name
    List<String> names = new ArrayList<>(MonitoringFilesTest.SEASON_METERS);
    // the HTTP server's, the connection pool's and the JVM's standard meters
    names.addAll(
        List.of(
            "http_server_requests_seconds_count",
            "hikaricp_connections_active",
            "jvm_memory_used_bytes",
            "process_uptime_seconds"));
    for (String name : names) {
      assertThat(metrics)
          .as(name)
          .containsPattern("(?m)^" + name + "\\{[^}]*node=\"" + NODE + "\"");
    }
    assertThat(value(metrics, "ptv_node_ready")).isEqualTo(1);
    assertThat(value(metrics, "ptv_tasks_open")).isGreaterThanOrEqualTo(1);
    assertThat(value(metrics, "ptv_jobs_failed")).isGreaterThanOrEqualTo(1);
    assertThat(value(metrics, "ptv_incidents_open")).isGreaterThanOrEqualTo(1);
    assertThat(value(metrics, "ptv_deployments_refused_total")).isEqualTo(refusedBefore + 1);
    assertThat(value(metrics, "ptv_mail_sent_total")).isGreaterThan(sentBefore);
  }

  @Test
  void oldestPendingMailIsMeasuredFromWhenItWasWritten() {
    // Given a mail written 20 minutes ago that waits for its next attempt in an hour
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now();
    jdbc.update(
        "INSERT INTO ptv_mail_outbox (id, dedupe_key, kind, user_id, recipient, subject, status,"
            + " attempts, next_attempt_at, created_at) VALUES (?, ?, 'TASK', 'demo',"
            + " 'demo@demo.pathtovictory.test', 'Waiting', 'PENDING', 3, ?, ?)",
        id,
        "metrics-test-" + id,
        Timestamp.from(now.plus(Duration.ofHours(1))),
        Timestamp.from(now.minus(Duration.ofMinutes(20))));
    try {
      // Then the oldest pending mail is at least 20 minutes old: the alert's 15 minutes are past
      String metrics = scrape();
      assertThat(value(metrics, "ptv_mail_outbox_oldest_pending_seconds"))
          .isBetween(1200.0, 1200.0 + 60);
      assertThat(value(metrics, "ptv_mail_outbox_pending")).isGreaterThanOrEqualTo(1);
    } finally {
      jdbc.update("DELETE FROM ptv_mail_outbox WHERE id = ?", id);
    }
  }

  @Test
  void prometheusReadsWithTheConfiguredToken() {
    HttpResponse<String> answer =
        send(request(METRICS, null).header("Authorization", "Bearer " + TOKEN).build());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("ptv_jobs_due");
  }

  @Test
  void aWrongTokenIsRefused() {
    HttpResponse<String> answer =
        send(request(METRICS, null).header("Authorization", "Bearer not-the-token").build());
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).doesNotContain("ptv_").contains("operator");
  }

  @Test
  void anonymousCallersAreRefused() {
    HttpResponse<String> answer = get(METRICS, null);
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
    assertThat(answer.body()).doesNotContain("ptv_").contains("operator");
  }

  @Test
  void aVolunteerIsRefused() {
    HttpResponse<String> answer = get(METRICS, "ithaca-press");
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).doesNotContain("ptv_").contains("Only operators");
  }

  @Test
  void aWrongPasswordIsRefused() {
    // (not the operator's account: a wrong password delays that account's next sign-in)
    HttpResponse<String> answer =
        send(request(METRICS, null).header("Authorization", basic("organizer", "wrong")).build());
    assertThat(answer.statusCode()).isEqualTo(401);
  }

  @Test
  void healthStaysOpenForLoadBalancersAndTheRestOfTheActuatorDoesNot() {
    assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    assertThat(get("/actuator", null).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/", null).statusCode()).isEqualTo(401);
  }

  private String scrape() {
    HttpResponse<String> answer = get(METRICS, "demo");
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }

  /** The sum of a meter's samples (counters with tags have several). */
  static double value(String metrics, String name) {
    Matcher sample =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$")
            .matcher(metrics);
    double sum = 0;
    boolean found = false;
    while (sample.find()) {
      sum += Double.parseDouble(sample.group(1));
      found = true;
    }
    assertThat(found).as("a sample of %s", name).isTrue();
    return sum;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
