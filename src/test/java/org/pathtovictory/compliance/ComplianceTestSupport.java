package org.pathtovictory.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.endorsement.Intake;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;
import org.springframework.beans.factory.annotation.Autowired;

/** Starting the compliance processes as the main process would, and acting as their users. */
abstract class ComplianceTestSupport extends ProcessTestSupport {

  static final String COMPLIANCE_REVIEW = "compliance-review";
  static final String FIREWALL_ACKNOWLEDGEMENT = "firewall-acknowledgement";
  static final String SPENDING_QUESTION = "spending-question";
  static final List<String> FIELD_ROLES =
      List.of("canvass-leads", "press-liaisons", "phonebank-leads", "recruitment-captains");
  static final String REVIEWER = "compliance";
  static final String ITHACA_LEAD = "ithaca-lead";

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  /** Intake variables of an Ithaca endorsement 120 days before the election. */
  static Map<String, Object> endorsement(
      String organizationType, boolean plannedSpending, String voterContactProgram) {
    Map<String, Object> vars = new HashMap<>(Intake.endorsementDaysBeforeElection(120));
    vars.put("organizationType", organizationType);
    vars.put("plannedSpending", plannedSpending);
    vars.put(
        "spendingDescription",
        plannedSpending ? "Venue for the kick-off party, about $300; 50 buttons, $80" : null);
    vars.put("voterContactProgram", voterContactProgram);
    // a race of its own, so that business keys tell this test's endorsement from the others
    vars.put("race", "NY-" + Long.toString(RACES.incrementAndGet(), 36).toUpperCase());
    return vars;
  }

  private static final AtomicLong RACES = new AtomicLong(36 * 36 * 36);

  static String businessKey(Map<String, Object> vars) {
    return vars.get("race") + "/ny24-ithaca/" + vars.get("generalElectionDate");
  }

  /** Called as post-endorsement's CallActivity_ComplianceGateway would call it. */
  ProcessInstance startComplianceReview(Map<String, Object> vars) {
    return runtimeService.startProcessInstanceByKey(COMPLIANCE_REVIEW, businessKey(vars), vars);
  }

  /** Runs {@code action} as the user, like a request from Tasklist; assertions run as nobody. */
  void as(String userId, String group, Runnable action) {
    identityService.setAuthentication(userId, List.of(group), List.of(ITHACA));
    try {
      action.run();
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Claims and completes the single open task of the instance, as Tasklist does. */
  void completeAs(String userId, String group, ProcessInstance instance, Map<String, Object> form) {
    Task current = task(instance);
    as(
        userId,
        group,
        () -> {
          taskService.claim(current.getId(), userId);
          taskService.complete(current.getId(), form);
        });
  }

  void reviewerCompletes(ProcessInstance instance, Map<String, Object> form) {
    completeAs(REVIEWER, "compliance-reviewers", instance, form);
  }

  void groupLeadCompletes(ProcessInstance instance, Map<String, Object> form) {
    completeAs(ITHACA_LEAD, "group-leads", instance, form);
  }

  /** The submission is refused naming the field, and the task stays open. */
  static void assertRefused(Runnable submission, String field) {
    assertThatThrownBy(submission::run)
        .satisfies(
            e -> {
              Throwable cause = e;
              while (cause != null && !(cause instanceof InvalidInputException)) {
                cause = cause.getCause();
              }
              assertThat(cause).as("refused input").isInstanceOf(InvalidInputException.class);
              assertThat(((InvalidInputException) cause).getProblems())
                  .extracting(Problem::field)
                  .contains(field);
            });
  }

  /** The instance's variables as history keeps them (also after the end). */
  Map<String, Object> variablesOf(ProcessInstance instance) {
    Map<String, Object> vars = new HashMap<>();
    for (HistoricVariableInstance variable :
        historyService
            .createHistoricVariableInstanceQuery()
            .processInstanceId(instance.getId())
            .list()) {
      vars.put(variable.getName(), variable.getValue());
    }
    return vars;
  }

  /** The guide's point: nothing a field role would do exists before clearance. */
  void assertNoFieldTask() {
    assertThat(taskService.createTaskQuery().taskCandidateGroupIn(FIELD_ROLES).count()).isZero();
  }

  ProcessInstance calledFirewallAcknowledgement(ProcessInstance caller) {
    return runtimeService
        .createProcessInstanceQuery()
        .superProcessInstanceId(caller.getId())
        .processDefinitionKey(FIREWALL_ACKNOWLEDGEMENT)
        .singleResult();
  }
}
