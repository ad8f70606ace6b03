package org.pathtovictory.modeling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingTransitionInstanceValidationReport;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

/**
 * What Camunda reports about a running campaign, in words an organizer can act on: where it waits,
 * and why its migration validation says it cannot move.
 */
final class MigrationReports {

  private MigrationReports() {}

  static List<ModelVersions.Obstacle> obstacles(
      MigratingProcessInstanceValidationReport report,
      Map<String, FlowElement> sourceElements,
      Map<String, FlowElement> targetElements,
      Map<String, String> mappings) {
    List<ModelVersions.Obstacle> obstacles = new ArrayList<>();
    if (!report.getFailures().isEmpty()) {
      obstacles.add(
          new ModelVersions.Obstacle(
              null,
              null,
              "Camunda cannot move this campaign: " + String.join("; ", report.getFailures()),
              report.getFailures()));
    }
    for (MigratingActivityInstanceValidationReport activity : report.getActivityInstanceReports()) {
      obstacles.add(
          obstacle(
              activity.getSourceScopeId(),
              activity.getFailures(),
              sourceElements,
              targetElements,
              mappings));
    }
    for (MigratingTransitionInstanceValidationReport transition :
        report.getTransitionInstanceReports()) {
      obstacles.add(
          obstacle(
              transition.getSourceScopeId(),
              transition.getFailures(),
              sourceElements,
              targetElements,
              mappings));
    }
    return obstacles;
  }

  private static ModelVersions.Obstacle obstacle(
      String elementId,
      List<String> failures,
      Map<String, FlowElement> sourceElements,
      Map<String, FlowElement> targetElements,
      Map<String, String> mappings) {
    FlowElement element = sourceElements.get(elementId);
    String name = element == null ? null : element.getName();
    String label = name == null ? elementId : "“" + name + "” (" + elementId + ")";
    String reason;
    if (!targetElements.containsKey(elementId) && !mappings.containsKey(elementId)) {
      reason =
          "the campaign is at "
              + label
              + ", which the new version does not have: it can move once this step is done, or"
              + " when the mappings name the step of the new version that replaces it";
    } else {
      reason =
          "the campaign is at " + label + ", which cannot move: " + String.join("; ", failures);
    }
    return new ModelVersions.Obstacle(elementId, name, reason, failures);
  }

  /** Why each campaign stays, in one sentence. */
  static String reasons(List<ModelVersions.InstanceCheck> staying) {
    return staying.stream()
        .map(
            instance ->
                (instance.businessKey() == null
                        ? instance.processInstanceId()
                        : instance.businessKey())
                    + " ("
                    + instance.obstacles().stream()
                        .map(ModelVersions.Obstacle::reason)
                        .collect(java.util.stream.Collectors.joining("; "))
                    + ")")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** Where the tokens of a running campaign are: its waiting steps, by element. */
  static void collect(
      ActivityInstance instance,
      Map<String, FlowElement> elements,
      List<ModelVersions.Token> tokens) {
    for (TransitionInstance transition : instance.getChildTransitionInstances()) {
      tokens.add(token(transition.getActivityId(), elements));
    }
    if (instance.getChildActivityInstances().length == 0
        && instance.getChildTransitionInstances().length == 0
        && instance.getParentActivityInstanceId() != null) {
      tokens.add(token(instance.getActivityId(), elements));
    }
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      collect(child, elements, tokens);
    }
  }

  private static ModelVersions.Token token(String elementId, Map<String, FlowElement> elements) {
    FlowElement element = elements.get(elementId);
    return new ModelVersions.Token(elementId, element == null ? null : element.getName());
  }
}
