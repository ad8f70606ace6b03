package org.pathtovictory.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pathtovictory.WebTestSupport;
import org.pathtovictory.endorsement.Intake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL stopped for 30 seconds under light load and started again, with the application's own
 * time-outs (application.yaml, {@link DatabaseHealth}): while it is away readiness says DOWN within
 * 2 s, every request gets a 503 with a sentence within 5 s and nothing is half-done; when it is
 * back the node recovers without a restart, the jobs due meanwhile run, every mail goes out exactly
 * once and the campaigns go on. The server is this test's own (same data folder and port across the
 * restart), not the one the other PostgreSQL tests share.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.profiles.active=test,demo",
      "camunda.bpm.job-execution.enabled=true",
      "pathtovictory.notifications.dispatch=true",
      "pathtovictory.notifications.poll-interval=200ms",
      "pathtovictory.notifications.initial-backoff=1s",
      "pathtovictory.notifications.max-backoff=2s",
      "pathtovictory.notifications.max-attempts=50"
    })
@Tag("postgres")
class DatabaseOutageTest extends WebTestSupport {

  static final Duration OUTAGE = Duration.ofSeconds(30);
  static final int MAILS = 10;
  static final Path DATA = tempFolder();
  static final int PG_PORT = OperationsMetricsTest.freePort();
  static final int SMTP_PORT = OperationsMetricsTest.freePort();
  static EmbeddedPostgres postgres = startPostgres();
  static final GreenMail SMTP = startSmtp();

  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService managementService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void ownDatabaseAndMailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  static Path tempFolder() {
    try {
      return Files.createTempDirectory("ptv-outage-pg");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static synchronized EmbeddedPostgres startPostgres() {
    try {
      return EmbeddedPostgres.builder()
          .setDataDirectory(DATA)
          .setCleanDataDirectory(false)
          .setPort(PG_PORT)
          .setRegisterShutdownHook(false)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start this test's PostgreSQL", e);
    }
  }

  static GreenMail startSmtp() {
    ServerSetup setup = new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp");
    setup.setServerStartupTimeout(15_000);
    GreenMail server = new GreenMail(setup);
    server.start();
    return server;
  }

  @AfterAll
  static void stopServers() throws IOException {
    SMTP.stop();
    // the context (and its pool) outlives this class in the cache: it reconnects to nothing
    postgres.close();
  }

  /** One answer seen during the outage. */
  record Answer(String what, Instant sent, long millis, int status, String body) {}

  @Test
  void theApplicationSurvivesThirtySecondsWithoutItsDatabase() throws Exception {
    // Given campaigns running, their first mails sent
    for (int i = 0; i < 3; i++) {
      runtimeService.startProcessInstanceByKey("post-endorsement", intake("Before " + i));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> pendingMails() == 0);
    long openTasks = taskService.createTaskQuery().count();
    int mailsBefore = SMTP.getReceivedMessages().length;
    // and mails and jobs that come due while the database will be away
    Instant firstDue = Instant.now().plusSeconds(8);
    List<String> mailIds = new ArrayList<>();
    for (int i = 0; i < MAILS; i++) {
      mailIds.add(waitingMail(firstDue));
    }
    repositoryService.suspendProcessDefinitionByKey("group-onboarding", false, Date.from(firstDue));
    repositoryService.activateProcessDefinitionByKey(
        "group-onboarding", false, Date.from(firstDue.plusSeconds(4)));
    long jobsDone = jobsSucceeded();

    // When PostgreSQL stops for 30 seconds, with volunteers and the load balancer still asking
    postgres.close();
    Instant stopped = Instant.now();
    assertThat(stopped).as("stopped before anything came due").isBefore(firstDue);
    List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean down = new AtomicBoolean(true);
    ExecutorService load = Executors.newFixedThreadPool(3);
    load.submit(() -> ask(down, answers, "readiness", "/actuator/health/readiness", null));
    load.submit(() -> ask(down, answers, "tasks", "/engine-rest/task", "ithaca-press"));
    load.submit(() -> ask(down, answers, "board", "/api/board", "ithaca-lead"));
    // (once the first refusals are out: the first failure through each code path is slower on a
    // loaded machine, as classes load and compile)
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> answers.stream().anyMatch(a -> a.what().equals("tasks")));
    Answer start = timed("start", () -> startOverRest("During the outage"));
    Answer liveness = timed("liveness", () -> get("/actuator/health/liveness", null));
    Thread.sleep(OUTAGE.minus(Duration.between(stopped, Instant.now())).toMillis());
    down.set(false);
    load.shutdown();
    load.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    postgres = startPostgres();
    Instant restarted = Instant.now();

    // Then while it was away: readiness DOWN within 2 s, 503s with a sentence within 5 s
    List<Answer> seen = new ArrayList<>(answers);
    // (a request already answered from before the stop, if any, does not count)
    seen.removeIf(a -> a.sent().isBefore(stopped.plusSeconds(1)));
    List<Answer> readiness = seen.stream().filter(a -> a.what().equals("readiness")).toList();
    List<Answer> requests = seen.stream().filter(a -> !a.what().equals("readiness")).toList();
    assertThat(readiness)
        .isNotEmpty()
        .allSatisfy(
            a -> {
              assertThat(a.status()).isEqualTo(503);
              assertThat(a.millis()).as("readiness answered within 2 s").isLessThanOrEqualTo(2000);
            });
    requests.forEach(DatabaseOutageTest::isPlainUnavailable);
    isPlainUnavailable(start);
    assertThat(liveness.status()).as("alive: no restart wanted").isEqualTo(200);

    // and when it is back: ready again without a restart
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> get("/actuator/health/readiness", null).statusCode() == 200);
    Duration recovery = Duration.between(restarted, Instant.now());
    assertThat(get("/engine-rest/task", "ithaca-press").statusCode()).isEqualTo(200);
    // nothing half-done: the campaign refused during the outage does not exist
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .variableValueEquals("candidateName", "During the outage")
                .count())
        .isZero();
    assertThat(taskService.createTaskQuery().count()).isEqualTo(openTasks);
    // every job due meanwhile runs, every waiting mail goes out exactly once
    await().atMost(Duration.ofSeconds(60)).until(() -> jobsSucceeded() - jobsDone >= 2);
    assertThat(
            repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey("group-onboarding")
                .active()
                .count())
        .isPositive();
    await().atMost(Duration.ofSeconds(60)).until(() -> pendingMails() == 0);
    Map<String, Long> received = receivedByOutboxId();
    for (String id : mailIds) {
      assertThat(received.get(id)).as("mail %s received", id).isEqualTo(1L);
    }
    // and campaigns go on: a new one starts and mails its volunteers
    assertThat(startOverRest("After the outage").statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> pendingMails() == 0 && SMTP.getReceivedMessages().length > mailsBefore + MAILS);
    long repeated = received.values().stream().filter(n -> n > 1).count();
    assertThat(repeated).isZero();

    System.out.printf(
        "OUTAGE %d s: %d requests answered 503 (slowest %d ms), readiness DOWN %d times"
            + " (slowest %d ms), start refused in %d ms; ready again %d ms after the restart;"
            + " %d waiting mails sent, %d repeated; %d jobs run after%n",
        OUTAGE.toSeconds(),
        requests.stream().filter(a -> a.status() == 503).count(),
        requests.stream().mapToLong(Answer::millis).max().orElse(0),
        readiness.size(),
        readiness.stream().mapToLong(Answer::millis).max().orElse(0),
        start.millis(),
        recovery.toMillis(),
        mailIds.size(),
        repeated,
        jobsSucceeded() - jobsDone);
  }

  private static void isPlainUnavailable(Answer answer) {
    assertThat(answer.status()).as(answer.what() + ": " + answer.body()).isEqualTo(503);
    assertThat(answer.millis())
        .as(answer.what() + " answered within 5 s")
        .isLessThanOrEqualTo(5000);
    assertThat(answer.body())
        .as(answer.what())
        .contains("database is not available")
        .doesNotContain("SQL", "Exception", "Hikari", "at org.", "at java.", "jdbc", "postgres");
  }

  private void ask(
      AtomicBoolean down, List<Answer> answers, String what, String path, String user) {
    while (down.get()) {
      answers.add(timed(what, () -> get(path, user)));
    }
  }

  private static Answer timed(String what, java.util.function.Supplier<HttpResponse<String>> call) {
    Instant sent = Instant.now();
    HttpResponse<String> response = call.get();
    return new Answer(
        what,
        sent,
        Duration.between(sent, Instant.now()).toMillis(),
        response.statusCode(),
        response.body());
  }

  private HttpResponse<String> startOverRest(String candidate) {
    String variables =
        intake(candidate).entrySet().stream()
            .map(
                v ->
                    "\""
                        + v.getKey()
                        + "\": {\"value\": "
                        + (v.getValue() instanceof Boolean
                            ? v.getValue()
                            : "\"" + v.getValue() + "\"")
                        + "}")
            .collect(Collectors.joining(", "));
    return send(
        request("/engine-rest/process-definition/key/post-endorsement/start", "demo")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"variables\": {" + variables + "}}"))
            .build());
  }

  private static Map<String, Object> intake(String candidate) {
    Map<String, Object> intake = Intake.endorsementDaysBeforeElection(120);
    intake.put("candidateName", candidate);
    intake.put(
        "generalElectionDate",
        LocalDate.now(ZoneId.of("America/New_York")).plusDays(120).toString());
    return intake;
  }

  private String waitingMail(Instant due) {
    String id = UUID.randomUUID().toString();
    jdbc.update(
        "INSERT INTO ptv_mail_outbox (id, dedupe_key, kind, user_id, recipient, subject,"
            + " text_body, status, attempts, next_attempt_at, created_at) VALUES (?, ?, 'TASK',"
            + " 'ithaca-press', 'ithaca-press@demo.pathtovictory.test', 'Waiting through the"
            + " outage', 'This mail waited while the database was away.', 'PENDING', 0, ?, ?)",
        id,
        "outage-test-" + id,
        Timestamp.from(due),
        Timestamp.from(Instant.now()));
    return id;
  }

  private long pendingMails() {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM ptv_mail_outbox WHERE status = 'PENDING'", Long.class);
  }

  private long jobsSucceeded() {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_DEF_TYPE_ IN"
            + " ('suspend-processdefinition', 'activate-processdefinition')"
            + " AND JOB_STATE_ = 2",
        Long.class);
  }

  private static Map<String, Long> receivedByOutboxId() throws Exception {
    Map<String, Long> counts = new java.util.HashMap<>();
    for (MimeMessage message : SMTP.getReceivedMessages()) {
      String[] id = message.getHeader("X-PTV-Outbox-Id");
      if (id != null) {
        counts.merge(id[0], 1L, Long::sum);
      }
    }
    return counts;
  }
}
