package org.pathtovictory.compliance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Service;

/**
 * The compliance decisions of one endorsement, read from Camunda's history alone (no copy that
 * could drift): the evaluations of {@code complianceRoute}, and each completed review or
 * acknowledgement with who completed it (user operation log), when, the values submitted in that
 * same operation, and the facts as they stood just before. Covers the endorsement, every instance
 * it called, and the spending questions asked under its business key; also after they ended.
 *
 * <p>Runs through the engine's services as the current user: a user sees only the endorsements
 * their authorizations and tenants allow.
 */
@Service
public class ComplianceAuditTrail {

  static final String ROUTE_DECISION = "complianceRoute";
  static final String ROUTE_OUTPUT = "route";
  static final String SPENDING_QUESTION = "spending-question";
  static final String TASK_COMPLETED = "completed";

  private final HistoryService historyService;

  ComplianceAuditTrail(HistoryService historyService) {
    this.historyService = historyService;
  }

  /**
   * The decisions in the order they were made; empty when no such endorsement exists or the current
   * user may not see it.
   */
  public Optional<List<ComplianceDecision>> decisionsOf(String endorsementId) {
    HistoricProcessInstance endorsement =
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceId(endorsementId)
            .singleResult();
    if (endorsement == null) {
      return Optional.empty();
    }
    List<ComplianceDecision> decisions = new ArrayList<>();
    for (HistoricProcessInstance instance : instancesOf(endorsement)) {
      decisions.addAll(routeDecisions(endorsementId, instance));
      decisions.addAll(taskDecisions(endorsementId, instance));
    }
    decisions.sort(Comparator.comparing(ComplianceDecision::decidedAt));
    return Optional.of(decisions);
  }

  private List<HistoricProcessInstance> instancesOf(HistoricProcessInstance endorsement) {
    Map<String, HistoricProcessInstance> instances = new LinkedHashMap<>();
    instances.put(endorsement.getId(), endorsement);
    historyService
        .createHistoricProcessInstanceQuery()
        .rootProcessInstanceId(endorsement.getId())
        .orderByProcessInstanceStartTime()
        .asc()
        .list()
        .forEach(instance -> instances.putIfAbsent(instance.getId(), instance));
    if (endorsement.getBusinessKey() != null) {
      var questions =
          historyService
              .createHistoricProcessInstanceQuery()
              .processDefinitionKey(SPENDING_QUESTION)
              .processInstanceBusinessKey(endorsement.getBusinessKey());
      if (endorsement.getTenantId() != null) {
        questions.tenantIdIn(endorsement.getTenantId());
      } else {
        questions.withoutTenantId();
      }
      questions
          .orderByProcessInstanceStartTime()
          .asc()
          .list()
          .forEach(instance -> instances.putIfAbsent(instance.getId(), instance));
    }
    return List.copyOf(instances.values());
  }

  private List<ComplianceDecision> routeDecisions(
      String endorsementId, HistoricProcessInstance instance) {
    List<ComplianceDecision> decisions = new ArrayList<>();
    for (HistoricDecisionInstance evaluation :
        historyService
            .createHistoricDecisionInstanceQuery()
            .processInstanceId(instance.getId())
            .decisionDefinitionKey(ROUTE_DECISION)
            .includeInputs()
            .includeOutputs()
            .orderByEvaluationTime()
            .asc()
            .list()) {
      Map<String, Object> facts = new LinkedHashMap<>();
      for (HistoricDecisionInputInstance input : evaluation.getInputs()) {
        facts.put(input.getClauseName(), input.getValue());
      }
      List<Object> routes =
          evaluation.getOutputs().stream()
              .filter(output -> ROUTE_OUTPUT.equals(output.getVariableName()))
              .map(HistoricDecisionOutputInstance::getValue)
              .toList();
      Map<String, Object> decided = new LinkedHashMap<>();
      decided.put(ROUTE_OUTPUT, routes);
      decisions.add(
          new ComplianceDecision(
              endorsementId,
              instance.getId(),
              instance.getProcessDefinitionKey(),
              evaluation.getActivityId(),
              evaluation.getDecisionDefinitionName(),
              decisionTable(evaluation),
              evaluation.getEvaluationTime().toInstant(),
              decided,
              facts));
    }
    return decisions;
  }

  private List<ComplianceDecision> taskDecisions(
      String endorsementId, HistoricProcessInstance instance) {
    List<HistoricTaskInstance> tasks =
        historyService
            .createHistoricTaskInstanceQuery()
            .processInstanceId(instance.getId())
            .taskDefinitionKeyIn(ComplianceStep.taskKeys())
            .finished()
            .orderByHistoricTaskInstanceEndTime()
            .asc()
            .list();
    if (tasks.isEmpty()) {
      return List.of();
    }
    List<HistoricVariableUpdate> updates =
        historyService
            .createHistoricDetailQuery()
            .processInstanceId(instance.getId())
            .variableUpdates()
            .orderByTime()
            .asc()
            .orderPartiallyByOccurrence()
            .asc()
            .list()
            .stream()
            .map(HistoricVariableUpdate.class::cast)
            .toList();
    List<ComplianceDecision> decisions = new ArrayList<>();
    for (HistoricTaskInstance task : tasks) {
      if (!TASK_COMPLETED.equals(task.getDeleteReason())) {
        continue;
      }
      ComplianceStep step = ComplianceStep.ofTask(task.getTaskDefinitionKey()).orElseThrow();
      Optional<UserOperationLogEntry> completion = completionOf(task);
      String operationId =
          completion
              .map(UserOperationLogEntry::getOperationId)
              .orElseGet(() -> lastOperationBefore(updates, task, step));
      Map<String, Object> submitted = new HashMap<>();
      for (HistoricVariableUpdate update : updates) {
        if (Objects.equals(operationId, update.getUserOperationId())) {
          submitted.put(update.getVariableName(), update.getValue());
        }
      }
      Map<String, Object> decided = new LinkedHashMap<>();
      for (String name : step.decisionVariables()) {
        if (submitted.containsKey(name)) {
          decided.put(name, submitted.get(name));
        }
      }
      Map<String, Object> facts = new LinkedHashMap<>();
      for (String name : step.factVariables()) {
        facts.put(name, null);
      }
      for (HistoricVariableUpdate update : updates) {
        if (!update.getTime().after(task.getEndTime())
            && !Objects.equals(operationId, update.getUserOperationId())
            && facts.containsKey(update.getVariableName())) {
          facts.put(update.getVariableName(), update.getValue());
        }
      }
      decisions.add(
          new ComplianceDecision(
              endorsementId,
              instance.getId(),
              instance.getProcessDefinitionKey(),
              task.getTaskDefinitionKey(),
              task.getName(),
              completion.map(UserOperationLogEntry::getUserId).orElse(task.getAssignee()),
              task.getEndTime().toInstant(),
              decided,
              facts));
    }
    return decisions;
  }

  /** The rules decided: named by the decision's key and the version organizers deployed. */
  private static String decisionTable(HistoricDecisionInstance evaluation) {
    String[] idParts = evaluation.getDecisionDefinitionId().split(":");
    return idParts.length == 3
        ? "decision table " + idParts[0] + ", version " + idParts[1]
        : "decision table " + evaluation.getDecisionDefinitionId();
  }

  /** Who completed the task: Camunda logs the authenticated user of every completion. */
  private Optional<UserOperationLogEntry> completionOf(HistoricTaskInstance task) {
    return historyService
        .createUserOperationLogQuery()
        .taskId(task.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
        .orderByTimestamp()
        .desc()
        .list()
        .stream()
        .findFirst();
  }

  /** Without a logged user: the operation of the last decision variable set by the task's end. */
  private static String lastOperationBefore(
      List<HistoricVariableUpdate> updates, HistoricTaskInstance task, ComplianceStep step) {
    String operationId = null;
    for (HistoricDetail update : updates) {
      if (!update.getTime().after(task.getEndTime())
          && step.decisionVariables()
              .contains(((HistoricVariableUpdate) update).getVariableName())) {
        operationId = update.getUserOperationId();
      }
    }
    return operationId;
  }
}
