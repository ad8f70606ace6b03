package org.pathtovictory.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;

/**
 * Reads what a reviewer or group lead submitted and collects each refused value as a problem of its
 * field; {@link #refuseIfAnyProblem()} refuses the whole submission, so nothing is half-completed.
 */
final class Submission {

  private final VariableScope variables;
  private final List<Problem> problems = new ArrayList<>();

  Submission(VariableScope variables) {
    this.variables = variables;
  }

  /** The text of a variable, trimmed; null when it is missing, blank or not text. */
  String text(String name) {
    Object value = variables.getVariable(name);
    if (value instanceof String text && !text.isBlank()) {
      return text.trim();
    }
    return null;
  }

  String requiredText(String name, String reason) {
    String text = text(name);
    if (text == null) {
      problems.add(new Problem(name, reason));
    }
    return text;
  }

  String oneOf(String name, Set<String> allowed, String reason) {
    String text = text(name);
    if (text == null || !allowed.contains(text)) {
      problems.add(new Problem(name, reason));
      return null;
    }
    return text;
  }

  void refuse(String name, String reason) {
    problems.add(new Problem(name, reason));
  }

  void refuseIfAnyProblem() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
