package org.pathtovictory.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Spending questions at any time: asked, reviewed (or escalated), answered to the asker. */
class SpendingQuestionProcessTest extends ComplianceTestSupport {

  static final String ANSWER = "Task_AnswerSpendingQuestion";
  static final String FOLLOW_UP = "Task_FollowUpUnansweredSpendingQuestion";
  static final String READ_ANSWER = "Task_ReadSpendingAnswer";

  @Autowired FormService formService;
  @Autowired ManagementService managementService;

  static Map<String, Object> question() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("leadGroup", ITHACA);
    vars.put("spendingQuestion", "May we rent a van for canvassers with the campaign?");
    vars.put("spendingAmount", 450L);
    return vars;
  }

  ProcessInstance askByMessage(String businessKey) {
    ProcessInstance[] asked = new ProcessInstance[1];
    as(
        ITHACA_LEAD,
        "group-leads",
        () -> {
          var correlation =
              runtimeService.createMessageCorrelation("SpendingQuestion").setVariables(question());
          if (businessKey != null) {
            correlation.processInstanceBusinessKey(businessKey);
          }
          asked[0] = correlation.correlateStartMessage();
        });
    return asked[0];
  }

  @Test
  void spendingQuestionMidCampaign() {
    // Given a campaign under way (its compliance gateway waiting on the firewall)
    Map<String, Object> vars = endorsement("C4", false, "CAMPAIGN");
    ProcessInstance campaign = startComplianceReview(vars);
    assertThat(campaign).isWaitingAt("CallActivity_FirewallAcknowledgement");
    // When the group lead raises a spending question over the message SpendingQuestion
    ProcessInstance question = askByMessage(businessKey(vars));
    // Then a compliance reviewer gets it in the group's tenant, and the campaign goes on untouched
    assertThat(question).isWaitingAt(ANSWER);
    assertThat(question.getTenantId()).isEqualTo(ITHACA);
    assertThat(question.getBusinessKey()).isEqualTo(businessKey(vars));
    assertThat(task(question)).hasCandidateGroup("compliance-reviewers");
    assertThat(campaign).isWaitingAt("CallActivity_FirewallAcknowledgement");
    // When the reviewer answers
    reviewerCompletes(
        question,
        Map.of(
            "spendingQuestionDecision",
            "APPROVED_WITH_CONDITIONS",
            "spendingQuestionAnswer",
            "Yes, if the group pays the rental directly and keeps the receipt."));
    // Then the answer goes back to whoever asked
    assertThat(question).isWaitingAt(READ_ANSWER);
    assertThat(task(question)).isAssignedTo(ITHACA_LEAD);
    groupLeadCompletes(question, Map.of("spendingAnswerRead", true));
    assertThat(question).isEnded();
    assertThat(campaign).isWaitingAt("CallActivity_FirewallAcknowledgement");
  }

  ProcessInstance askInTasklist(String definitionId, Map<String, Object> form) {
    ProcessInstance[] asked = new ProcessInstance[1];
    as(
        ITHACA_LEAD,
        "group-leads",
        () -> asked[0] = formService.submitStartForm(definitionId, form));
    return asked[0];
  }

  @Test
  void spendingQuestionAskedInTasklist() {
    // Given a group lead in Tasklist
    String definition =
        processEngine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey(SPENDING_QUESTION)
            .latestVersion()
            .singleResult()
            .getId();
    // A question for another group, or without text, is refused naming the field
    assertRefused(
        () -> askInTasklist(definition, Map.of("leadGroup", ANN_ARBOR, "spendingQuestion", "?")),
        "leadGroup");
    assertRefused(() -> askInTasklist(definition, Map.of("leadGroup", ITHACA)), "spendingQuestion");
    // When the lead submits the start form
    ProcessInstance question = askInTasklist(definition, question());
    // Then the question is recorded as theirs and waits for a reviewer
    assertThat(question).isWaitingAt(ANSWER);
    assertThat(question.getTenantId()).isEqualTo(ITHACA);
    assertThat(question).variables().containsEntry("askedBy", ITHACA_LEAD);
  }

  @Test
  void questionFromTasklistIsLinkedToTheGroupsEndorsement() {
    // Given a running endorsement of the group for a candidate
    Map<String, Object> intake = endorsement("C4", false, null);
    intake.put("candidateName", "Ada Linkedquestion");
    ProcessInstance campaign = runtimeService.startProcessInstanceByKey("post-endorsement", intake);
    String definition =
        processEngine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey(SPENDING_QUESTION)
            .latestVersion()
            .singleResult()
            .getId();
    // When the lead asks in Tasklist, naming the candidate
    Map<String, Object> form = question();
    form.put("candidateName", "ada linkedquestion");
    ProcessInstance question = askInTasklist(definition, form);
    // Then the question belongs to that endorsement (and so to its audit trail)
    assertThat(question.getBusinessKey()).isEqualTo(campaign.getBusinessKey());
  }

  ProcessInstance escalatedQuestion() {
    ProcessInstance question = askByMessage(null);
    Job timer =
        managementService
            .createJobQuery()
            .processInstanceId(question.getId())
            .timers()
            .singleResult();
    assertThat(timer.getDuedate()).isEqualTo(dayAt(TODAY.plusDays(2), 9));
    setToday(TODAY.plusDays(2));
    managementService.executeJob(timer.getId());
    return question;
  }

  void reviewerAnswers(ProcessInstance question) {
    Task answer =
        taskQuery().processInstanceId(question.getId()).taskDefinitionKey(ANSWER).singleResult();
    as(
        REVIEWER,
        "compliance-reviewers",
        () -> {
          taskService.claim(answer.getId(), REVIEWER);
          taskService.complete(
              answer.getId(),
              Map.of("spendingQuestionDecision", "NOT_APPROVED", "spendingQuestionAnswer", "No."));
        });
  }

  @Test
  void spendingQuestionEscalatesAfterTwoDays() {
    // Given a question nobody has taken up, When two days pass
    ProcessInstance question = escalatedQuestion();
    // Then the Indivisible Organizers see it in Tasklist, and the reviewers still have it
    Task followUp =
        taskQuery().processInstanceId(question.getId()).taskDefinitionKey(FOLLOW_UP).singleResult();
    assertThat(followUp).hasCandidateGroup("indivisible-organizers");
    assertThat(followUp.getPriority()).isGreaterThan(50);
    assertThat(question).isWaitingAt(ANSWER, FOLLOW_UP);
    // When an organizer has found a reviewer
    as(
        "organizer",
        "indivisible-organizers",
        () -> {
          taskService.claim(followUp.getId(), "organizer");
          taskService.complete(
              followUp.getId(),
              Map.of("spendingQuestionEscalationNote", "Asked Sam to answer today"));
        });
    // Then the question still waits for its answer, which then goes to the asker
    assertThat(question).hasPassed("EndEvent_FollowedUp").isWaitingAt(ANSWER);
    reviewerAnswers(question);
    assertThat(question).isWaitingAt(READ_ANSWER);
    assertThat(task(question)).isAssignedTo(ITHACA_LEAD);
  }

  @Test
  void answerEndsTheEscalation() {
    // Given an escalated question
    ProcessInstance question = escalatedQuestion();
    // When a reviewer answers before the organizers followed up
    reviewerAnswers(question);
    // Then the follow-up is no longer needed and the answer goes to the asker
    assertThat(question).isWaitingAt(READ_ANSWER);
    assertThat(taskQuery().processInstanceId(question.getId()).taskDefinitionKey(FOLLOW_UP).count())
        .isZero();
  }

  @Test
  void takenUpQuestionDoesNotEscalate() {
    // Given a question a reviewer has claimed
    ProcessInstance question = askByMessage(null);
    String answer = task(question).getId();
    as(REVIEWER, "compliance-reviewers", () -> taskService.claim(answer, REVIEWER));
    // When two days pass
    setToday(TODAY.plusDays(2));
    Job timer =
        managementService
            .createJobQuery()
            .processInstanceId(question.getId())
            .timers()
            .singleResult();
    managementService.executeJob(timer.getId());
    // Then nobody is asked to chase it
    assertThat(question).isWaitingAt(ANSWER).hasPassed("EndEvent_AlreadyTakenUp");
    assertThat(
            taskService
                .createTaskQuery()
                .taskCandidateGroupIn(List.of("indivisible-organizers"))
                .count())
        .isZero();
  }
}
