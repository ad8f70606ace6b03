package org.pathtovictory.modeling;

import java.util.List;
import java.util.Map;

/**
 * A {@link ModelProblem} as an editor shows it on the diagram: besides the file, the element as the
 * check words it ("id (name)") and the reason, the bare element id (for a form, the field's key;
 * null for the file as a whole) and the property that is wrong where it is known (a Camunda
 * attribute name such as {@code formRef}, {@code candidateGroups}, {@code dueDate}, {@code
 * delegateExpression}), else null.
 */
public record LocatedProblem(
    String resource, String element, String elementId, String reason, String property) {

  /** Every problem of a check of these resources, located in them. */
  public static List<LocatedProblem> locate(
      List<ModelProblem> problems, Map<String, byte[]> resources) {
    ProblemLocations locations = new ProblemLocations(resources);
    return problems.stream().map(locations::locate).toList();
  }
}
