package org.pathtovictory.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Values that an organizer or an integration submitted and that we refuse. Thrown inside the
 * engine's transaction, so nothing is half-started or half-completed; the REST API answers 400 and
 * names each field.
 */
public class InvalidInputException extends ProcessEngineException implements ApiRefusal {

  /** One refused value: the variable's name and a reason a volunteer can act on. */
  public record Problem(String field, String reason) {
    @Override
    public String toString() {
      return field + ": " + reason;
    }
  }

  private final List<Problem> problems;

  public InvalidInputException(List<Problem> problems) {
    super(
        problems.stream()
            .sorted(java.util.Comparator.comparing(Problem::field))
            .map(Problem::toString)
            .collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String field, String reason) {
    this(List.of(new Problem(field, reason)));
  }

  public List<Problem> getProblems() {
    return problems;
  }

  @Override
  public int status() {
    return 400;
  }

  /** {@code {"type": "InvalidInput", "message": ..., "problems": [{"field", "reason"}]}}. */
  @Override
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "InvalidInput");
    body.put("message", getMessage());
    body.put(
        "problems",
        problems.stream().map(p -> Map.of("field", p.field(), "reason", p.reason())).toList());
    return body;
  }
}
