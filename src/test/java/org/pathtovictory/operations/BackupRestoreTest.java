package org.pathtovictory.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathtovictory.PathToVictoryApplication;
import org.pathtovictory.WebTestSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The backup procedure of docs/operators-season.md, proven: {@code pg_dump -Fc} of a running
 * installation, {@code pg_restore} into an empty database, the application started on it finds
 * every campaign, task, timer, audit entry and pending mail. pg_dump and pg_restore come from
 * Debian's postgresql-client (.ci/run installs it; the embedded PostgreSQL ships no client tools).
 */
@Tag("postgres")
class BackupRestoreTest {

  @Test
  void aBackupOfARunningInstallationRestoresEveryCampaignTaskAuditEntryAndPendingMail(
      @TempDir Path folder) throws Exception {
    String pgDump = onPath("pg_dump");
    String pgRestore = onPath("pg_restore");
    if (pgDump == null || pgRestore == null) {
      String missing = "pg_dump and pg_restore are not installed (Debian: postgresql-client)";
      if ("true".equals(System.getenv("CI"))) {
        fail(missing + "; CI must prove the backup procedure");
      }
      System.err.println("SKIPPED, NOT CHECKED: " + missing);
      Assumptions.abort(missing);
    }
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
      JdbcTemplate server = new JdbcTemplate(postgres.getPostgresDatabase());
      server.execute("CREATE DATABASE season");
      server.execute("CREATE DATABASE restored");

      // Given an installation in the middle of a season: campaigns with tasks and timers, audit
      // entries, mails waiting to be sent
      Season before;
      Path backup = folder.resolve("season.dump");
      try (ConfigurableApplicationContext running = start(postgres, "season")) {
        ProcessEngine engine = running.getBean(ProcessEngine.class);
        for (int i = 0; i < 3; i++) {
          engine
              .getRuntimeService()
              .startProcessInstanceByKey("post-endorsement", SeasonIntake.of("Backup " + i));
        }
        var tasks = engine.getTaskService().createTaskQuery().list();
        // as a signed-in person, so the engine writes audit entries (user operation log)
        engine
            .getIdentityService()
            .setAuthentication(
                "demo", List.of(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN));
        try {
          engine.getTaskService().claim(tasks.get(0).getId(), "demo");
          engine.getTaskService().setAssignee(tasks.get(1).getId(), "ithaca-lead");
        } finally {
          engine.getIdentityService().clearAuthentication();
        }
        JdbcTemplate jdbc = running.getBean(JdbcTemplate.class);
        jdbc.update(
            "INSERT INTO ptv_mail_outbox (id, dedupe_key, kind, user_id, recipient, subject,"
                + " text_body, status, attempts, next_attempt_at, created_at) VALUES (?, ?, 'TASK',"
                + " 'demo', 'demo@demo.pathtovictory.test', 'Waiting', 'Waits for the restore.',"
                + " 'PENDING', 0, ?, ?)",
            UUID.randomUUID().toString(),
            "backup-test",
            Timestamp.from(Instant.now()),
            Timestamp.from(Instant.now()));
        before = Season.of(jdbc);
        assertThat(before.campaigns()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(before.tasks()).isNotEmpty();
        assertThat(before.auditEntries()).isNotEmpty();
        assertThat(before.pendingMails()).isNotEmpty();

        // When it is backed up while it runs (the procedure's command)
        run(
            pgDump,
            "--format=custom",
            "--host=localhost",
            "--port=" + postgres.getPort(),
            "--username=postgres",
            "--file=" + backup,
            "season");
      }

      // and restored into an empty database
      run(
          pgRestore,
          "--no-owner",
          "--exit-on-error",
          "--host=localhost",
          "--port=" + postgres.getPort(),
          "--username=postgres",
          "--dbname=restored",
          backup.toString());

      // Then the application started on the restored database finds all of it
      try (ConfigurableApplicationContext restored = start(postgres, "restored")) {
        assertThat(Season.of(restored.getBean(JdbcTemplate.class))).isEqualTo(before);
        ProcessEngine engine = restored.getBean(ProcessEngine.class);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count())
            .isEqualTo(before.campaigns().size());
        int port = ((WebServerApplicationContext) restored).getWebServer().getPort();
        HttpResponse<String> count =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/engine-rest/task/count"))
                        .header("Authorization", WebTestSupport.basic("demo", "demo"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(count.body()).isEqualTo("{\"count\":" + before.tasks().size() + "}");
      }
    }
  }

  /** What a season holds, by id, as read from the database. */
  record Season(
      Set<String> campaigns,
      Set<String> tasks,
      Set<String> timers,
      Set<String> auditEntries,
      Set<String> pendingMails,
      Set<String> history) {

    static Season of(JdbcTemplate jdbc) {
      return new Season(
          ids(jdbc, "SELECT ID_ FROM ACT_RU_EXECUTION WHERE ID_ = PROC_INST_ID_"),
          ids(jdbc, "SELECT ID_ || ':' || COALESCE(ASSIGNEE_, '-') FROM ACT_RU_TASK"),
          ids(jdbc, "SELECT ID_ FROM ACT_RU_JOB"),
          ids(jdbc, "SELECT ID_ || ':' || OPERATION_TYPE_ FROM ACT_HI_OP_LOG"),
          ids(jdbc, "SELECT id FROM ptv_mail_outbox WHERE status = 'PENDING'"),
          ids(jdbc, "SELECT ID_ FROM ACT_HI_ACTINST"));
    }

    private static Set<String> ids(JdbcTemplate jdbc, String sql) {
      return new TreeSet<>(jdbc.queryForList(sql, String.class));
    }
  }

  static ConfigurableApplicationContext start(EmbeddedPostgres postgres, String database) {
    return new SpringApplicationBuilder(PathToVictoryApplication.class)
        .run(
            "--spring.profiles.active=test,demo",
            "--server.port=0",
            "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=postgres");
  }

  private static void run(String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", "postgres");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
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

  /** A valid intake whose election is 120 days from today. */
  static final class SeasonIntake {
    static Map<String, Object> of(String candidate) {
      Map<String, Object> intake =
          org.pathtovictory.endorsement.Intake.endorsementDaysBeforeElection(120);
      intake.put("candidateName", candidate);
      intake.put(
          "generalElectionDate",
          java.time.LocalDate.now(java.time.ZoneId.of("America/New_York"))
              .plusDays(120)
              .toString());
      return intake;
    }
  }
}
