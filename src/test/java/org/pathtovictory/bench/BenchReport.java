package org.pathtovictory.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The one benchmark report of {@code ./mvnw -Pbench verify}: each benchmark writes its section
 * ({@link #section}) with when it started, the commit and the database it ran on, and after the run
 * this listener merges the sections of this run with the machine's facts into {@code
 * target/bench/report.json} and a readable {@code target/bench/report.md}. Only a bench run (system
 * property {@code bench.run}, set by the bench profile, which also empties {@code target/bench}
 * first) writes the report; a section from before this run is left out, never shown under this
 * run's date.
 */
public class BenchReport implements TestExecutionListener {

  static final Path DIR = Path.of("target", "bench");
  static final Path SECTIONS = DIR.resolve("sections");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** When each benchmark class started, by class name (benchmarks run one after the other). */
  private static final Map<String, Instant> STARTED = new ConcurrentHashMap<>();

  /** The start of this JVM's first test plan: the run whose sections the report shows. */
  private static volatile Instant runStarted;

  /**
   * Writes (or replaces) one top-level key of the report, with {@code run}: when the calling
   * benchmark started, the commit it ran on, and {@code database} (e.g. "PostgreSQL 16.4", or "H2"
   * and why).
   */
  public static void section(String key, String database, Map<String, Object> values) {
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException("The section " + key + " must say its database");
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("started_at", startOfCaller().truncatedTo(ChronoUnit.SECONDS).toString());
    run.put("commit", commit());
    run.put("database", database);
    Map<String, Object> withRun = new LinkedHashMap<>();
    withRun.put("run", run);
    withRun.putAll(values);
    try {
      Files.createDirectories(SECTIONS);
      JSON.writeValue(SECTIONS.resolve(key + ".json").toFile(), withRun);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the benchmark section " + key, e);
    }
  }

  /** What a data source is, as its driver names it: "PostgreSQL 16.4", "H2 2.3.232 (...)". */
  public static String database(javax.sql.DataSource dataSource) {
    try (var connection = dataSource.getConnection()) {
      var meta = connection.getMetaData();
      return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot tell the benchmark's database", e);
    }
  }

  /** A figure that must have been measured: one that was not fails the benchmark. */
  public static <T extends Number> T measured(String figure, T value) {
    if (value == null || value.doubleValue() < 0 || Double.isNaN(value.doubleValue())) {
      throw new IllegalStateException("Could not measure " + figure + " (got " + value + ")");
    }
    return value;
  }

  /** The start of the benchmark class that is writing a section (found on the call stack). */
  private static Instant startOfCaller() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .map(frame -> frame.getClassName().replaceAll("\\$.*", ""))
                    .map(STARTED::get)
                    .filter(java.util.Objects::nonNull)
                    .findFirst())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No start time for this section: only a benchmark class run by JUnit (with"
                        + " this listener) writes one"));
  }

  /** The commit the benchmarks ran on, marked when the work tree had changes. */
  static String commit() {
    try {
      // only reads the checkout, which the build user (e.g. CI's ptv-ci) need not own
      Process head =
          new ProcessBuilder("git", "-c", "safe.directory=*", "rev-parse", "--short=12", "HEAD")
              .start();
      String commit = new String(head.getInputStream().readAllBytes()).strip();
      Process status =
          new ProcessBuilder(
                  "git", "-c", "safe.directory=*", "status", "--porcelain", "--untracked-files=no")
              .start();
      boolean changed = !new String(status.getInputStream().readAllBytes()).isBlank();
      if (head.waitFor() != 0 || commit.isEmpty()) {
        throw new IllegalStateException("git rev-parse HEAD failed");
      }
      status.waitFor();
      return commit + (changed ? " with uncommitted changes" : "");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot tell the commit (git)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static boolean benchRun() {
    return Boolean.getBoolean("bench.run");
  }

  @Override
  public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
    if (runStarted == null) {
      runStarted = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
  }

  @Override
  public void executionStarted(TestIdentifier identifier) {
    identifier
        .getSource()
        .filter(ClassSource.class::isInstance)
        .map(source -> ((ClassSource) source).getClassName())
        .ifPresent(name -> STARTED.put(name, Instant.now()));
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    // an ordinary test run (or a benchmark run on its own) never rewrites the report
    if (!benchRun() || !Files.isDirectory(SECTIONS)) {
      return;
    }
    try {
      ObjectNode report = JSON.createObjectNode();
      report.put("date", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
      report.set("machine", JSON.valueToTree(machine()));
      List<Path> sections;
      try (Stream<Path> files = Files.list(SECTIONS)) {
        sections = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
      List<String> leftOut = new ArrayList<>();
      for (Path section : sections) {
        String key = section.getFileName().toString().replace(".json", "");
        var values = JSON.readTree(section.toFile());
        String started = values.path("run").path("started_at").asText("");
        if (started.isEmpty() || Instant.parse(started).isBefore(runStarted)) {
          leftOut.add(key);
        } else {
          report.set(key, values);
        }
      }
      if (!leftOut.isEmpty()) {
        report.put("left_out", "sections of an earlier run: " + String.join(", ", leftOut));
      }
      Files.writeString(DIR.resolve("report.json"), JSON.writeValueAsString(report));
      String markdown = markdown(report);
      Files.writeString(DIR.resolve("report.md"), markdown);
      System.out.println(markdown);
    } catch (IOException e) {
      System.out.println("Benchmark report: cannot write it: " + e.getMessage());
    }
  }

  static Map<String, Object> machine() {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return Map.of(
        "cores",
        Runtime.getRuntime().availableProcessors(),
        "memory_mb",
        os.getTotalMemorySize() / (1024 * 1024),
        "jdk",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        "os",
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        "load_average",
        os.getSystemLoadAverage());
  }

  /** Goals of issue 11, shown beside the figures. */
  static final Map<String, String> GOALS =
      Map.of(
          "lifecycle.ratio", ">= 0.80",
          "flowable.ratio", ">= 1.0",
          "taskQuery.p95_ms", "<= 50 at 1,000,000 open tasks, authorization on",
          "notifications.task_rate_ratio", ">= 0.9, nothing lost",
          "notifications.lost", "0",
          "notifications.doubled", "0",
          "startup.seconds_to_first_200", "<= 8",
          "startup.rss_mb", "< 600");

  static String markdown(ObjectNode report) {
    StringBuilder md = new StringBuilder("# Path to Victory benchmarks\n\n");
    md.append("Run ").append(report.path("date").asText()).append(" on ");
    var machine = report.path("machine");
    md.append(machine.path("cores").asText())
        .append(" cores, ")
        .append(machine.path("memory_mb").asLong() / 1024)
        .append(" GiB, ")
        .append(machine.path("jdk").asText())
        .append(", load average ")
        .append(String.format("%.1f", machine.path("load_average").asDouble()))
        .append(" at the end.\n\n");
    if (report.has("left_out")) {
      md.append("Left out: ").append(report.path("left_out").asText()).append(".\n\n");
    }
    for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = report.fields();
        it.hasNext(); ) {
      var entry = it.next();
      if (entry.getKey().equals("date")
          || entry.getKey().equals("machine")
          || entry.getKey().equals("left_out")) {
        continue;
      }
      md.append("## ")
          .append(entry.getKey())
          .append("\n\n| figure | value | goal |\n|---|---|---|\n");
      flatten(md, entry.getKey(), "", entry.getValue());
      md.append('\n');
    }
    return md.toString();
  }

  private static void flatten(
      StringBuilder md,
      String section,
      String prefix,
      com.fasterxml.jackson.databind.JsonNode node) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field ->
                  flatten(
                      md,
                      section,
                      prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                      field.getValue()));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(md, section, prefix + "[" + i + "]", node.get(i));
      }
    } else {
      md.append("| ")
          .append(prefix)
          .append(" | ")
          .append(node.asText())
          .append(" | ")
          .append(GOALS.getOrDefault(section + "." + prefix, ""))
          .append(" |\n");
    }
  }
}
