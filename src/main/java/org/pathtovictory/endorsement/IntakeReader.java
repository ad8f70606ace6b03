package org.pathtovictory.endorsement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.pathtovictory.web.InvalidInputException.Problem;

/**
 * Turns the submitted variables into an {@link EndorsementIntake}, noting each value of the wrong
 * type (a number where text belongs, text where yes/no belongs) as a problem of that field.
 */
final class IntakeReader {

  private final Map<String, Object> variables;
  private final List<Problem> problems = new ArrayList<>();

  IntakeReader(Map<String, Object> variables) {
    this.variables = variables;
  }

  EndorsementIntake read() {
    return new EndorsementIntake(
        text("candidateName"),
        text("office"),
        text("race"),
        text("raceScope"),
        text("leadGroup"),
        slugList("partnerGroups"),
        text("endorsementDate"),
        text("primaryDate"),
        text("generalElectionDate"),
        text("organizationType"),
        text("voterContactProgram"),
        yesNo("plannedSpending"),
        text("spendingDescription"),
        text("organizerEmail"));
  }

  List<Problem> problems() {
    return problems;
  }

  private String text(String name) {
    Object value = variables.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      String trimmed = text.trim();
      return trimmed.isEmpty() ? null : trimmed;
    }
    problems.add(new Problem(name, "must be text"));
    return null;
  }

  private Boolean yesNo(String name) {
    Object value = variables.get(name);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof String text && text.matches("(?i)true|false")) {
      return Boolean.valueOf(text);
    }
    problems.add(new Problem(name, "must be yes (true) or no (false)"));
    return null;
  }

  private List<String> slugList(String name) {
    Object value = variables.get(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text) {
      String trimmed = text.trim();
      if (trimmed.startsWith("[")) {
        return fromJson(name, trimmed);
      }
      return Arrays.stream(trimmed.split(","))
          .map(String::trim)
          .filter(slug -> !slug.isEmpty())
          .toList();
    }
    if (value instanceof SpinJsonNode json) {
      return fromJson(name, json.toString());
    }
    if (value instanceof Collection<?> items && items.stream().allMatch(String.class::isInstance)) {
      return items.stream().map(item -> ((String) item).trim()).toList();
    }
    problems.add(new Problem(name, "must be a comma-separated list of group short names"));
    return List.of();
  }

  private List<String> fromJson(String name, String json) {
    try {
      SpinJsonNode node = Spin.JSON(json);
      if (node.isArray()) {
        List<String> slugs = new ArrayList<>();
        for (SpinJsonNode element : node.elements()) {
          if (!element.isString()) {
            break;
          }
          slugs.add(element.stringValue().trim());
        }
        if (slugs.size() == node.elements().size()) {
          return slugs;
        }
      }
    } catch (RuntimeException e) {
      // not JSON: reported below
    }
    problems.add(new Problem(name, "must be a list of group short names, e.g. [\"a2-north\"]"));
    return List.of();
  }
}
