package org.pathtovictory.modeling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;

/**
 * The migration plan from one version to another, built by Camunda; a plan Camunda refuses becomes
 * a refusal naming each mapping. Called inside {@link ModelVersions}' editor command.
 */
final class MigrationPlans {
  private final RuntimeService runtime;
  private final RepositoryService repository;

  MigrationPlans(RuntimeService runtime, RepositoryService repository) {
    this.runtime = runtime;
    this.repository = repository;
  }

  /**
   * Camunda's instructions for the elements with equal ids, plus the organizer's mappings; the
   * trigger of a message or signal event is updated only where its name changed, so timers keep
   * their due dates.
   */
  MigrationPlan plan(
      ProcessDefinition source, ProcessDefinition target, Map<String, String> mappings) {
    MigrationPlan generated =
        runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
    BpmnModelInstance sourceModel = repository.getBpmnModelInstance(source.getId());
    BpmnModelInstance targetModel = repository.getBpmnModelInstance(target.getId());
    Map<String, String> all = new LinkedHashMap<>();
    for (MigrationInstruction instruction : generated.getInstructions()) {
      if (!mappings.containsKey(instruction.getSourceActivityId())) {
        all.put(instruction.getSourceActivityId(), instruction.getTargetActivityId());
      }
    }
    all.putAll(mappings);
    MigrationPlanBuilder builder = runtime.createMigrationPlan(source.getId(), target.getId());
    for (Map.Entry<String, String> mapping : all.entrySet()) {
      MigrationInstructionBuilder instruction =
          builder.mapActivities(mapping.getKey(), mapping.getValue());
      builder =
          triggerChanged(sourceModel, targetModel, mapping.getKey(), mapping.getValue())
                  || isConditional(targetModel, mapping.getValue())
              ? instruction.updateEventTrigger()
              : instruction;
    }
    try {
      return builder.build();
    } catch (MigrationPlanValidationException refused) {
      throw new InvalidInputException(problems(refused));
    }
  }

  /** Camunda moves a waiting conditional event only with its trigger (the condition) updated. */
  private static boolean isConditional(BpmnModelInstance model, String activityId) {
    return model.getModelElementById(activityId) instanceof CatchEvent event
        && event.getEventDefinitions().stream()
            .anyMatch(definition -> definition instanceof ConditionalEventDefinition);
  }

  private static boolean triggerChanged(
      BpmnModelInstance sourceModel, BpmnModelInstance targetModel, String from, String to) {
    return !java.util.Objects.equals(trigger(sourceModel, from), trigger(targetModel, to));
  }

  /** The name of the message or signal an event waits for, if it is one. */
  private static String trigger(BpmnModelInstance model, String elementId) {
    if (!(model.getModelElementById(elementId) instanceof Event event)) {
      return null;
    }
    for (var definition : event.getChildElementsByType(MessageEventDefinition.class)) {
      return definition.getMessage() == null
          ? null
          : "message " + definition.getMessage().getName();
    }
    for (var definition : event.getChildElementsByType(SignalEventDefinition.class)) {
      return definition.getSignal() == null ? null : "signal " + definition.getSignal().getName();
    }
    return null;
  }

  private static List<Problem> problems(MigrationPlanValidationException refused) {
    List<Problem> problems = new ArrayList<>();
    for (MigrationInstructionValidationReport report :
        refused.getValidationReport().getInstructionReports()) {
      MigrationInstruction instruction = report.getMigrationInstruction();
      problems.add(
          new Problem(
              "mappings." + instruction.getSourceActivityId(),
              "cannot map "
                  + instruction.getSourceActivityId()
                  + " to "
                  + instruction.getTargetActivityId()
                  + ": "
                  + String.join("; ", report.getFailures())));
    }
    if (problems.isEmpty()) {
      problems.add(new Problem("mappings", refused.getMessage()));
    }
    return problems;
  }
}
