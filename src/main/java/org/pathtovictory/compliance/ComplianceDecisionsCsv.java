package org.pathtovictory.compliance;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The audit trail as CSV for a spreadsheet: one row per decision, with a header. */
final class ComplianceDecisionsCsv {

  private static final CsvMapper MAPPER = new CsvMapper();
  private static final CsvSchema SCHEMA = MAPPER.schemaFor(Row.class).withHeader();

  private ComplianceDecisionsCsv() {}

  @JsonPropertyOrder({
    "decidedAt",
    "decidedBy",
    "stepName",
    "decision",
    "facts",
    "step",
    "process",
    "processInstanceId",
    "endorsement"
  })
  record Row(
      String decidedAt,
      String decidedBy,
      String stepName,
      String decision,
      String facts,
      String step,
      String process,
      String processInstanceId,
      String endorsement) {

    static Row of(ComplianceDecision decision) {
      return new Row(
          cell(decision.decidedAt().toString()),
          cell(decision.decidedBy()),
          cell(decision.stepName()),
          cell(flatten(decision.decision())),
          cell(flatten(decision.facts())),
          cell(decision.step()),
          cell(decision.process()),
          cell(decision.processInstanceId()),
          cell(decision.endorsement()));
    }
  }

  static String write(List<ComplianceDecision> decisions) {
    try {
      return MAPPER.writer(SCHEMA).writeValueAsString(decisions.stream().map(Row::of).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the compliance decisions as CSV", e);
    }
  }

  /**
   * A cell a spreadsheet shows as text: one starting with {@code = + - @}, a tab or a carriage
   * return would be run as a formula, so it gets a leading apostrophe (OWASP, CSV injection); the
   * CSV writer quotes it where needed.
   */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    return "=+-@\t\r".indexOf(first) >= 0 ? "'" + value : value;
  }

  /** {@code name=value; name=value}, in the order the map has them. */
  private static String flatten(Map<String, Object> values) {
    return values.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + (entry.getValue() == null ? "" : entry.getValue()))
        .collect(Collectors.joining("; "));
  }
}
