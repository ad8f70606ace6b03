package org.pathtovictory.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Not a test: start-up of the packaged application as an operator runs it (docs/operators.md,
 * "Start it fast"): the jar extracted, a class data archive from one training start, then {@code
 * java -XX:SharedArchiveFile=... -jar}. Seconds from launch to the first HTTP 200 from Tasklist and
 * the resident memory then, on an empty H2 database (first start) and on the same database again
 * (restart); also plain {@code java -jar} on the packaged jar, for comparison; and, in the same
 * run, the same extracted jar on JDK 25 with its ahead-of-time cache ({@code -XX:AOTCache}, JEP
 * 483/514) from one training start ({@code jdk25_aot}; the JDK from {@code -Dbench.jdk25}). Each
 * start also says what Liquibase cost it ({@code liquibase_ms}: a run, or the check that the
 * changelog is unchanged). Needs the packaged jar: runs in {@code ./mvnw -Pbench verify} (Failsafe,
 * after {@code package}).
 */
class StartupBenchmark {

  static final Path JAR = Path.of(System.getProperty("bench.jar", "target/path-to-victory.jar"));
  static final Path WORK = Path.of("target", "bench", "startup");
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  static final Path JDK25 =
      Path.of(System.getProperty("bench.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
  static final String GOAL = "<= 8 s to the first 200, < 600 MB";
  private static final Pattern LIQUIBASE =
      Pattern.compile("Liquibase (?:ran in|skipped:.*checked in) (\\d+) ms");

  @Test
  void secondsToFirstTasklistPage() throws Exception {
    deleteRecursively(WORK);
    Files.createDirectories(WORK);
    Path app = WORK.resolve("app");
    run(
        List.of(
            JAVA,
            "-Djarmode=tools",
            "-jar",
            JAR.toAbsolutePath().toString(),
            "extract",
            "--destination",
            app.toAbsolutePath().toString()),
        WORK);
    Path jar = app.resolve(JAR.getFileName());
    Path archive = app.resolve("path-to-victory.jsa");
    run(
        List.of(
            JAVA,
            "-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath(),
            "-Dspring.context.exit=onRefresh",
            "-jar",
            jar.toAbsolutePath().toString(),
            "--spring.datasource.url=jdbc:h2:mem:training"),
        WORK);

    Map<String, Object> section = new LinkedHashMap<>();
    List<String> fast =
        List.of(
            JAVA,
            "-XX:SharedArchiveFile=" + archive.toAbsolutePath(),
            "-jar",
            jar.toAbsolutePath().toString());
    section.put("first_start", start(fast, "cds-db"));
    section.put("restart", start(fast, "cds-db"));
    List<String> plain = List.of(JAVA, "-jar", JAR.toAbsolutePath().toString());
    section.put("plain_java_jar_first_start", start(plain, "plain-db"));
    section.put("plain_java_jar_restart", start(plain, "plain-db"));
    section.put("jdk25_aot", jdk25AheadOfTime(jar));
    // the keys the issue names: the operator's command on an empty database
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) section.get("first_start");
    section.put("seconds_to_first_200", first.get("seconds_to_first_200"));
    section.put("rss_mb", first.get("rss_mb"));
    section.put("goal", GOAL);
    BenchReport.section(
        "startup",
        "H2 in a file: start-up as an operator's first try runs it, without a database server",
        section);
  }

  /**
   * The extracted jar on JDK 25: one training start writes the ahead-of-time cache (classes loaded
   * and linked, method profiles), then the first start and the restart read it.
   */
  private static Map<String, Object> jdk25AheadOfTime(Path jar) throws Exception {
    Path java = JDK25.resolve("bin").resolve("java");
    Map<String, Object> result = new LinkedHashMap<>();
    if (!Files.isExecutable(java)) {
      // not a figure: said in words rather than reported as a number
      result.put("not_measured", "no JDK 25 at " + JDK25 + " (-Dbench.jdk25=...)");
      return result;
    }
    Path cache = jar.resolveSibling("path-to-victory.aot");
    long training = System.nanoTime();
    run(
        List.of(
            java.toString(),
            "-XX:AOTCacheOutput=" + cache.toAbsolutePath(),
            "-Dspring.context.exit=onRefresh",
            "-jar",
            jar.toAbsolutePath().toString(),
            "--spring.datasource.url=jdbc:h2:mem:training"),
        WORK);
    double trainingSeconds = (System.nanoTime() - training) / 1e9;
    List<String> aot =
        List.of(
            java.toString(),
            "-XX:AOTCache=" + cache.toAbsolutePath(),
            "-jar",
            jar.toAbsolutePath().toString());
    Map<String, Object> first = start(aot, "aot-db");
    result.put("seconds_to_first_200", first.get("seconds_to_first_200"));
    result.put("rss_mb", first.get("rss_mb"));
    result.put("goal", GOAL);
    result.put("first_start", first);
    result.put("restart", start(aot, "aot-db"));
    result.put("training_s", Math.round(trainingSeconds * 10) / 10.0);
    result.put("cache_mb", Files.size(cache) / (1024 * 1024));
    return result;
  }

  private static Map<String, Object> start(List<String> command, String database) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> full = new ArrayList<>(command);
    full.add("--server.port=" + port);
    full.add("--spring.datasource.url=jdbc:h2:file:./" + database + "/ptv;DB_CLOSE_ON_EXIT=FALSE");
    full.add("--spring.mail.port=" + port(0));
    long launched = System.nanoTime();
    Process process =
        new ProcessBuilder(full)
            .directory(WORK.toFile())
            .redirectErrorStream(true)
            .redirectOutput(WORK.resolve(database + ".log").toFile())
            .start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      HttpRequest tasklist =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + "/camunda/app/tasklist/default/"))
              .timeout(Duration.ofSeconds(5))
              .build();
      long deadline = launched + Duration.ofMinutes(3).toNanos();
      while (System.nanoTime() < deadline && process.isAlive()) {
        try {
          if (http.send(tasklist, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            double seconds = (System.nanoTime() - launched) / 1e9;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("seconds_to_first_200", Math.round(seconds * 100) / 100.0);
            result.put("rss_mb", rssMb(process.pid()));
            result.put("liquibase_ms", liquibaseMs(WORK.resolve(database + ".log")));
            return result;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException(
          "No HTTP 200 from Tasklist; see " + WORK.resolve(database + ".log"));
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  /** What Liquibase cost this start, as the application logged it (engine.ClusterStartup). */
  private static long liquibaseMs(Path log) throws IOException {
    long last = -1;
    for (String line : Files.readAllLines(log)) {
      Matcher matcher = LIQUIBASE.matcher(line);
      if (matcher.find()) {
        last = Long.parseLong(matcher.group(1));
      }
    }
    if (last < 0) {
      throw new IllegalStateException("No Liquibase line in " + log + ": cannot tell its cost");
    }
    return last;
  }

  private static int port(int unused) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static long rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    // a figure that cannot be measured fails the benchmark rather than reporting -1
    throw new IllegalStateException("No VmRSS in /proc/" + pid + "/status: cannot measure memory");
  }

  private static void run(List<String> command, Path directory) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(WORK.resolve("prepare.log").toFile())
            .start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(
          "Failed: " + String.join(" ", command) + "; see " + WORK.resolve("prepare.log"));
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
