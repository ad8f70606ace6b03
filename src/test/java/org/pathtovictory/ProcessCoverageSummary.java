package org.pathtovictory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, after the tests, the process test coverage of every model over all test classes
 * (camunda-process-test-coverage writes one report per class): covered flow nodes and sequence
 * flows, and the ids of what no test reached. Also written to {@code
 * target/process-test-coverage/summary.txt}.
 */
public class ProcessCoverageSummary implements TestExecutionListener {

  static final Path REPORTS = Path.of("target", "process-test-coverage");

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (!Files.isDirectory(REPORTS)) {
      return;
    }
    try {
      String summary = summarize();
      if (!summary.isEmpty()) {
        System.out.println(summary);
        Files.writeString(REPORTS.resolve("summary.txt"), summary);
      }
    } catch (IOException e) {
      System.out.println("Process test coverage: cannot read the reports: " + e.getMessage());
    }
  }

  static String summarize() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> elements = new TreeMap<>();
    Map<String, Set<String>> covered = new TreeMap<>();
    List<Path> reports;
    try (Stream<Path> files = Files.walk(REPORTS, 2)) {
      reports = files.filter(p -> p.getFileName().toString().equals("report.json")).toList();
    }
    for (Path report : reports) {
      JsonNode root = json.readTree(report.toFile());
      for (JsonNode model : root.path("models")) {
        elements.computeIfAbsent(
            model.path("key").asText(), key -> elementsOf(model.path("xml").asText()));
      }
      for (JsonNode suite : root.path("suites")) {
        for (JsonNode run : suite.path("runs")) {
          for (JsonNode event : run.path("events")) {
            covered
                .computeIfAbsent(event.path("modelKey").asText(), key -> new TreeSet<>())
                .add(event.path("definitionKey").asText());
          }
        }
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("Process test coverage per model (flow nodes and sequence flows, all test classes):");
    elements.forEach(
        (model, ids) -> {
          Set<String> reached = new TreeSet<>(covered.getOrDefault(model, Set.of()));
          reached.retainAll(ids);
          Set<String> missed = new TreeSet<>(ids);
          missed.removeAll(reached);
          lines.add(
              String.format(
                  "  %-28s %5.1f%% (%d of %d)%s",
                  model,
                  ids.isEmpty() ? 100.0 : 100.0 * reached.size() / ids.size(),
                  reached.size(),
                  ids.size(),
                  missed.isEmpty() ? "" : "; not reached: " + String.join(", ", missed)));
        });
    return elements.isEmpty() ? "" : String.join(System.lineSeparator(), lines);
  }

  private static Set<String> elementsOf(String xml) {
    var model =
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Set<String> ids = new TreeSet<>();
    model.getModelElementsByType(FlowNode.class).forEach(node -> ids.add(node.getId()));
    model.getModelElementsByType(SequenceFlow.class).forEach(flow -> ids.add(flow.getId()));
    return ids;
  }
}
