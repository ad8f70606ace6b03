package org.pathtovictory.engine;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real cluster for the cluster tests and the cluster benchmark: application nodes started from
 * the packaged jar ({@code java -jar}, profile {@code postgres}, configured through the environment
 * as in {@code docker/compose.yaml}) on one embedded PostgreSQL and one GreenMail SMTP server, both
 * run by this JVM. Nothing is mocked; a node is killed with SIGKILL.
 */
final class Cluster implements AutoCloseable {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "cluster-admin-secret";
  static final String DATABASE = "ptv_cluster";

  final EmbeddedPostgres postgres;
  final GreenMail smtp;
  final int smtpPort;
  final JdbcTemplate jdbc;
  final Path logs;
  final List<Node> nodes = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Path jar;

  Cluster(String name) throws Exception {
    if ("root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("PostgreSQL refuses to run as root: run as a regular user");
    }
    jar = packagedJar();
    logs = Path.of("target", name);
    Files.createDirectories(logs);
    postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
    try (var c = postgres.getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    }
    DataSource dataSource = postgres.getDatabase("postgres", DATABASE);
    jdbc = new JdbcTemplate(dataSource);
    smtpPort = freePort();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  static Path packagedJar() throws IOException {
    String configured = System.getProperty("cluster.jar");
    if (configured != null && Files.exists(Path.of(configured))) {
      return Path.of(configured);
    }
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("path-to-victory-.*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No packaged jar: run ./mvnw package"));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
  }

  /** Starts a node (does not wait for it); {@code settings} are extra Spring properties. */
  Node start(String name, Map<String, String> settings) throws IOException {
    return start(name, settings, List.of("-XX:TieredStopAtLevel=1"));
  }

  /** As {@link #start(String, Map)}, with these JVM options (e.g. none, for a benchmark). */
  Node start(String name, Map<String, String> settings, List<String> jvmOptions)
      throws IOException {
    return start(name, jar, settings, jvmOptions);
  }

  /** As {@link #start(String, Map)}, from another build's jar (e.g. an earlier release). */
  Node start(String name, Path jar, Map<String, String> settings) throws IOException {
    return start(name, jar, settings, List.of("-XX:TieredStopAtLevel=1"));
  }

  private Node start(String name, Path jar, Map<String, String> settings, List<String> jvmOptions)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.add("--server.port=" + port);
    command.add("--pathtovictory.node-name=" + name);
    settings.forEach((key, value) -> command.add("--" + key + "=" + value));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    // what docker/compose.yaml sets
    env.put("SPRING_PROFILES_ACTIVE", "postgres");
    env.put("PTV_DB_URL", jdbcUrl());
    env.put("PTV_DB_USER", "postgres");
    env.put("PTV_DB_PASSWORD", "postgres");
    env.put("PTV_ADMIN_USER", ADMIN);
    env.put("PTV_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("PTV_MAIL_HOST", "127.0.0.1");
    env.put("PTV_MAIL_PORT", String.valueOf(smtpPort));
    env.put("PTV_PUBLIC_BASE_URL", "http://localhost:8080");
    Path log = logs.resolve(name + ".log");
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Node node = new Node(name, port, builder.start(), log);
    nodes.add(node);
    return node;
  }

  /** Settings that make a test's timers, scans and leases come round within seconds. */
  static Map<String, String> quickSettings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("camunda.bpm.job-execution.wait-time-in-millis", "500");
    settings.put("camunda.bpm.job-execution.max-wait", "2000");
    settings.put("pathtovictory.notifications.scan-every", "PT2S");
    settings.put("pathtovictory.notifications.scan-initial-delay", "PT2S");
    settings.put("pathtovictory.notifications.deadline-scan.lock-at-least-for", "PT1S");
    settings.put("pathtovictory.notifications.poll-interval", "1s");
    // a lease far longer than one claimed batch takes to send (40 mails: under a second at the
    // 119 mails/s of the notification benchmark), even on a machine shared by many builds (an
    // expired lease lets another node send the same mail again); the backlog test waits it out
    // once, after killing a node
    settings.put("pathtovictory.notifications.batch-size", "40");
    settings.put("pathtovictory.notifications.lease", "20s");
    // each finished dispatch cycle in the log: the proof a test waits for before "no more mail"
    settings.put("logging.level.org.pathtovictory.notification.MailDispatcher", "TRACE");
    return settings;
  }

  /** Mails received by the SMTP server, by Message-ID. */
  Map<String, List<MimeMessage>> mailsByMessageId() throws MessagingException {
    Map<String, List<MimeMessage>> byId = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      byId.computeIfAbsent(message.getMessageID(), id -> new ArrayList<>()).add(message);
    }
    return byId;
  }

  HttpResponse<String> asAdmin(Node node, String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.uri(path))
            .timeout(Duration.ofSeconds(60))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    for (Node node : nodes) {
      node.process.destroy();
    }
    for (Node node : nodes) {
      if (!node.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        node.process.destroyForcibly().waitFor();
      }
    }
    smtp.stop();
    postgres.close();
  }

  static final java.util.regex.Pattern DISPATCH_CYCLE =
      java.util.regex.Pattern.compile("Mail dispatch cycle (\\d+) finished");

  /** One application JVM. */
  final class Node {
    final String name;
    final int port;
    final Process process;
    final Path log;

    Node(String name, int port, Process process, Path log) {
      this.name = name;
      this.port = port;
      this.process = process;
      this.log = log;
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits until the node's readiness answers 200 (database and mail server reachable). */
    void awaitReady(Duration timeout) throws Exception {
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end) {
        if (!process.isAlive()) {
          throw new IllegalStateException(name + " exited at start-up:\n" + tail());
        }
        try {
          var response =
              http.send(
                  HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail());
    }

    /** SIGTERM and wait: Spring's graceful shutdown, as an operator stops a node. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " did not stop within 60 s:\n" + tail());
      }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight stays in flight. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    /** The mail dispatch cycles this node finished, as its log says (with quickSettings). */
    long mailCyclesFinished() {
      try (var lines = Files.lines(log)) {
        return lines
            .map(DISPATCH_CYCLE::matcher)
            .filter(java.util.regex.Matcher::find)
            .mapToLong(cycle -> Long.parseLong(cycle.group(1)))
            .max()
            .orElse(0);
      } catch (IOException | java.io.UncheckedIOException e) {
        return 0;
      }
    }

    String tail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }
  }
}
