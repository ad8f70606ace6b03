package org.pathtovictory.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The operator's compose profiles: {@code backup}, and {@code monitoring}, in which Prometheus
 * scrapes every node, the alert rules and the dashboard name only meters the application exports,
 * and promtool accepts the rules, passes their unit tests and accepts the configuration.
 */
class MonitoringFilesTest {

  /** The season's meters, as {@link OperationsMetricsTest} finds them at /actuator/prometheus. */
  static final Set<String> SEASON_METERS =
      Set.of(
          "ptv_mail_outbox_pending",
          "ptv_mail_outbox_oldest_pending_seconds",
          "ptv_mail_sent_total",
          "ptv_mail_failed_total",
          "ptv_jobs_due",
          "ptv_jobs_failed",
          "ptv_incidents_open",
          "ptv_tasks_open",
          "ptv_tasks_overdue",
          "ptv_deployments_refused_total",
          "ptv_node_ready");

  static final Path DOCKER = Path.of("docker");
  static final Pattern PTV_METER = Pattern.compile("\\bptv_[a-z_]+");

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String file) throws IOException {
    return new Yaml().load(Files.readString(DOCKER.resolve(file)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void monitoringIsAnOptionalProfileWithTheTokenFromTheEnvironment() throws Exception {
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) yaml("compose.yaml").get("services");
    for (String name : List.of("prometheus", "grafana")) {
      assertThat((List<String>) services.get(name).get("profiles"))
          .as(name)
          .containsExactly("monitoring");
      for (String volume : (List<String>) services.get(name).get("volumes")) {
        if (volume.startsWith("./")) {
          assertThat(DOCKER.resolve(volume.split(":")[0])).as(volume).exists();
        }
      }
    }
    Map<String, Object> prometheusEnv =
        (Map<String, Object>) services.get("prometheus").get("environment");
    assertThat(prometheusEnv.get("PTV_METRICS_TOKEN").toString()).startsWith("${PTV_METRICS_TOKEN");
    for (String node : appNodes(services)) {
      Map<String, Object> env = (Map<String, Object>) services.get(node).get("environment");
      assertThat(env.get("PTV_METRICS_TOKEN").toString()).startsWith("${PTV_METRICS_TOKEN");
    }
    assertThat(String.join(" ", (List<String>) services.get("prometheus").get("entrypoint")))
        .contains("metrics-token")
        .contains("--config.file=");
  }

  @Test
  @SuppressWarnings("unchecked")
  void prometheusScrapesEveryApplicationNodeWithTheToken() throws Exception {
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) yaml("compose.yaml").get("services");
    Map<String, Object> config = yaml("prometheus/prometheus.yml");
    assertThat((List<String>) config.get("rule_files")).containsExactly("alerts.yml");
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
    assertThat(jobs).hasSize(1);
    Map<String, Object> job = jobs.get(0);
    assertThat(job).containsEntry("job_name", "path-to-victory");
    assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
    assertThat((Map<String, Object>) job.get("authorization"))
        .containsEntry("type", "Bearer")
        .containsEntry("credentials_file", "metrics-token");
    List<String> targets =
        (List<String>)
            ((List<Map<String, Object>>) job.get("static_configs")).get(0).get("targets");
    assertThat(targets)
        .containsExactlyInAnyOrderElementsOf(
            appNodes(services).stream().map(node -> node + ":8080").toList());
  }

  @Test
  @SuppressWarnings("unchecked")
  void alertRulesWarnOfWaitingMailFailedJobsIncidentsAndNodesNotReady() throws Exception {
    List<Map<String, Object>> groups =
        (List<Map<String, Object>>) yaml("prometheus/alerts.yml").get("groups");
    Map<String, String> expressions = new java.util.HashMap<>();
    for (Map<String, Object> group : groups) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        expressions.put(rule.get("alert").toString(), rule.get("expr").toString());
        assertThat((Map<String, Object>) rule.get("annotations")).containsKeys("summary");
        assertThat(rule).containsKey("for");
      }
    }
    assertThat(expressions)
        .containsOnlyKeys("MailWaitingTooLong", "JobsFailed", "IncidentsOpen", "NodeNotReady");
    assertThat(expressions.get("MailWaitingTooLong"))
        .contains("ptv_mail_outbox_oldest_pending_seconds")
        .contains("> 900");
    assertThat(expressions.get("JobsFailed")).contains("ptv_jobs_failed").contains("> 0");
    assertThat(expressions.get("IncidentsOpen")).contains("ptv_incidents_open").contains("> 0");
    assertThat(expressions.get("NodeNotReady")).contains("ptv_node_ready == 0").contains("up{");
    assertThat(metersNamedIn(String.join(" ", expressions.values()))).isSubsetOf(SEASON_METERS);
  }

  @Test
  @SuppressWarnings("unchecked")
  void dashboardShowsTheSeasonFromTheProvisionedPrometheus() throws Exception {
    Map<String, Object> datasources = yaml("grafana/provisioning/datasources/prometheus.yml");
    Map<String, Object> source =
        ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
    assertThat(source)
        .containsEntry("type", "prometheus")
        .containsEntry("url", "http://prometheus:9090");
    Map<String, Object> providers = yaml("grafana/provisioning/dashboards/dashboards.yml");
    assertThat(((List<Map<String, Object>>) providers.get("providers")).get(0).get("options"))
        .isEqualTo(Map.of("path", "/var/lib/grafana/dashboards"));

    JsonNode dashboard =
        new ObjectMapper()
            .readTree(DOCKER.resolve("grafana/dashboards/path-to-victory.json").toFile());
    assertThat(dashboard.path("uid").asText()).isEqualTo("path-to-victory");
    Set<Integer> ids = new HashSet<>();
    StringBuilder allExpressions = new StringBuilder();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
      assertThat(panel.path("title").asText()).isNotBlank();
      assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText()).isEqualTo(source.get("uid"));
        assertThat(target.path("expr").asText()).isNotBlank();
        allExpressions.append(target.path("expr").asText()).append(' ');
      }
    }
    // every meter of the season is on the dashboard, and nothing the application does not export
    assertThat(metersNamedIn(allExpressions.toString())).isEqualTo(SEASON_METERS);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theBackupServiceDumpsTheRunningDatabaseInCustomFormat() throws Exception {
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) yaml("compose.yaml").get("services");
    Map<String, Object> backup = services.get("backup");
    assertThat((List<String>) backup.get("profiles")).containsExactly("backup");
    assertThat((Map<String, Object>) backup.get("depends_on")).containsKey("postgres");
    assertThat(((Map<String, Object>) backup.get("environment")).get("PGPASSWORD").toString())
        .startsWith("${PTV_DB_PASSWORD:?");
    // the command docs/operators-season.md describes and BackupRestoreTest proves
    String command = String.join(" ", (List<String>) backup.get("entrypoint"));
    assertThat(command).contains("pg_dump --format=custom --host=postgres").contains("/backups/");
    assertThat((List<String>) backup.get("volumes")).contains("./backups:/backups");
    assertThat(Files.readString(Path.of("docs/operators-season.md")))
        .contains("pg_dump --format=custom")
        .contains("pg_restore");
  }

  /**
   * promtool (Debian's package {@code prometheus}, installed by .ci/run) checks the rules, runs
   * their unit tests ({@code alerts-test.yml}) and checks the configuration.
   */
  @Test
  void promtoolAcceptsTheRulesTheirTestsAndTheConfiguration(@TempDir Path copy) throws Exception {
    String promtool = onPath("promtool");
    if (promtool == null) {
      String missing = "promtool is not installed (Debian: apt-get install prometheus)";
      if ("true".equals(System.getenv("CI"))) {
        fail(missing + "; CI must run the alert rules through it");
      }
      System.err.println("SKIPPED, NOT CHECKED: " + missing);
      Assumptions.abort(missing);
    }
    Path prometheus = DOCKER.resolve("prometheus").toAbsolutePath();
    promtool(prometheus, promtool, "check", "rules", "alerts.yml");
    promtool(prometheus, promtool, "test", "rules", "alerts-test.yml");
    // the configuration as the container sees it: beside the rules, with the token file written
    for (String file : List.of("prometheus.yml", "alerts.yml")) {
      Files.copy(prometheus.resolve(file), copy.resolve(file));
    }
    Files.writeString(copy.resolve("metrics-token"), "a token");
    promtool(copy, promtool, "check", "config", "prometheus.yml");
  }

  private static void promtool(Path folder, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
  }

  private static String onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(dir, program);
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    return null;
  }

  /** The application nodes: the services built from this project's Dockerfile. */
  private static List<String> appNodes(Map<String, Map<String, Object>> services) {
    List<String> nodes = new ArrayList<>();
    services.forEach(
        (name, service) -> {
          if ("path-to-victory:local".equals(service.get("image"))) {
            nodes.add(name);
          }
        });
    assertThat(nodes).isNotEmpty();
    return nodes;
  }

  private static Set<String> metersNamedIn(String expressions) {
    Matcher meter = PTV_METER.matcher(expressions);
    Set<String> names = new HashSet<>();
    while (meter.find()) {
      names.add(meter.group());
    }
    return names.stream().collect(Collectors.toSet());
  }
}
