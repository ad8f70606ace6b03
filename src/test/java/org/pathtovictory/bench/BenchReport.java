package org.pathtovictory.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * The one benchmark report of {@code ./mvnw -Pbench verify}: each benchmark writes its section
 * ({@link #section}), and after the run this listener merges them with the machine's facts into
 * {@code target/bench/report.json} and a readable {@code target/bench/report.md}.
 */
public class BenchReport implements TestExecutionListener {

  static final Path DIR = Path.of("target", "bench");
  static final Path SECTIONS = DIR.resolve("sections");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes (or replaces) one top-level key of the report. */
  public static void section(String key, Map<String, Object> values) {
    try {
      Files.createDirectories(SECTIONS);
      JSON.writeValue(SECTIONS.resolve(key + ".json").toFile(), values);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the benchmark section " + key, e);
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (!Files.isDirectory(SECTIONS)) {
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
      for (Path section : sections) {
        String key = section.getFileName().toString().replace(".json", "");
        report.set(key, JSON.readTree(section.toFile()));
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
          "lifecycle.ratio", ">= 0.85",
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
    for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = report.fields();
        it.hasNext(); ) {
      var entry = it.next();
      if (entry.getKey().equals("date") || entry.getKey().equals("machine")) {
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
