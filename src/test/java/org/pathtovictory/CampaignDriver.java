package org.pathtovictory;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Steps of the campaign as the people of the guide take them, for process tests: each completes a
 * task with the values its form would submit.
 */
public final class CampaignDriver {

  private CampaignDriver() {}

  public static ProcessInstance startEndorsement(Map<String, Object> intake) {
    return runtimeService().startProcessInstanceByKey("post-endorsement", intake);
  }

  /**
   * Completes whatever the compliance gateway asks of a group that needs no special review: a
   * compliance reviewer approves planned spending, the group lead acknowledges the firewall.
   */
  public static void passCompliance(ProcessInstance pi) {
    ProcessInstance gateway = calledInstance(pi, "compliance-review");
    if (gateway == null) {
      return;
    }
    Task spendingReview = taskOf(gateway, "Task_ReviewPlannedSpending");
    if (spendingReview != null) {
      complete(spendingReview, withVariables("spendingDecision", "APPROVED"));
    }
    acknowledgeFirewall(gateway);
  }

  /** The compliance reviewer confirms that the group is a 501(c)(3). */
  public static void confirmC3(ProcessInstance pi) {
    complete(
        taskOf(calledInstance(pi, "compliance-review"), "Task_Review501c3Status"),
        withVariables("c3Decision", "CONFIRMED"));
  }

  /** Completes the firewall acknowledgement, if one is waiting. */
  public static void acknowledgeFirewall(ProcessInstance pi) {
    ProcessInstance acknowledgement = calledInstance(pi, "firewall-acknowledgement");
    if (acknowledgement != null) {
      complete(
          taskOf(acknowledgement, "Task_AcknowledgeFirewall"),
          withVariables("firewallAcknowledged", true));
    }
  }

  private static ProcessInstance calledInstance(ProcessInstance pi, String processKey) {
    return runtimeService()
        .createProcessInstanceQuery()
        .superProcessInstanceId(pi.getId())
        .processDefinitionKey(processKey)
        .singleResult();
  }

  public static Map<String, Object> leads() {
    return Map.of(
        "canvassLead", "ithaca-canvass",
        "pressLiaison", "ithaca-press",
        "recruitmentCaptain", "ithaca-recruit",
        "phonebankLead", "ithaca-phones");
  }

  public static void holdKickoff(ProcessInstance pi) {
    complete(
        task("Task_HoldKickoffSession", pi),
        withVariables("kickoffDate", "2026-06-10", "kickoffAttendees", 35L));
  }

  public static void planTactics(ProcessInstance pi) {
    complete(
        task("Task_PlanTacticsAndTimeline", pi),
        withVariables(
            "voterContactProgram", "CAMPAIGN",
            "tacticCanvassing", true,
            "planSummary", "Canvass every weekend from July; phone bank on Tuesdays."));
  }

  public static void signOffPlan(ProcessInstance pi, String decision, String feedback) {
    complete(
        task("Task_SignOffPlan", pi),
        withVariables("planDecision", decision, "planFeedback", feedback));
  }

  public static void nameLeads(ProcessInstance pi, String taskKey) {
    complete(task(taskKey, pi), leads());
  }

  public static void runCommitmentDrive(ProcessInstance pi) {
    complete(
        task("Task_RunCommitmentDrive", pi),
        withVariables("volunteersCommitted", 40L, "commitmentListLocation", "shared sheet"));
    complete(task("Task_FollowUpCommitments", pi), withVariables("volunteersConfirmed", 31L));
  }

  public static void planFully(ProcessInstance pi) {
    passCompliance(pi);
    holdKickoff(pi);
    planTactics(pi);
    signOffPlan(pi, "APPROVED", null);
    nameLeads(pi, "Task_AssignCampaignLeads");
    runCommitmentDrive(pi);
  }

  public static void buildMomentum(ProcessInstance pi) {
    complete(
        task("Task_SendGroupPressRelease", pi),
        withVariables("pressReleaseSentDate", "2026-06-20", "outletsContacted", 6L));
    complete(
        task("Task_ThrowKickoffParty", pi),
        withVariables(
            "partyDate",
            "2026-06-27",
            "partyVenue",
            "Town park",
            "partyAttendees",
            80L,
            "newMembers",
            12L));
    complete(task("Task_ShowOffSwag", pi), withVariables("swagPlan", "Raffle a hat"));
  }

  /** GOTV_ONLY: the quick plan, then straight to voter contact. */
  public static void makeQuickPlan(ProcessInstance pi, String program) {
    passCompliance(pi);
    Map<String, Object> values = new java.util.HashMap<>(leads());
    values.put("voterContactProgram", program);
    values.put("planSummary", "Knock doors every evening.");
    complete(task("Task_MakeQuickPlan", pi), values);
    acknowledgeFirewall(pi);
  }

  public static void doFieldWork(ProcessInstance pi) {
    complete(
        task("Task_OrganizeCanvassing", pi),
        withVariables(
            "turfsCut", 12L, "canvassShiftsScheduled", 30L, "canvassStartDate", "2026-06-05"));
    complete(
        task("Task_WriteLettersToEditor", pi),
        withVariables("lettersSubmitted", 5L, "lettersPublished", 2L));
    complete(
        task("Task_RunPhoneBank", pi),
        withVariables("phoneBankSessions", 8L, "phoneBankTool", "CAMPAIGN"));
    complete(task("Task_RunTextBank", pi), withVariables("textingShifts", 6L));
  }

  public static void reportWeek(ProcessInstance pi, long doors) {
    execute(job("TimerEvent_WeekPassed", pi));
    complete(
        task("Task_ReportVoterContact", pi),
        withVariables(
            "weekDoorsKnocked", doors,
            "weekConversations", doors / 4,
            "weekCalls", 120L,
            "weekTexts", 300L,
            "weekLettersPublished", 1L,
            "weekActiveVolunteers", 18L));
  }

  public static void getOutTheVote(ProcessInstance pi) {
    complete(
        task("Task_PlanGotvShifts", pi),
        withVariables(
            "gotvShiftsPlanned",
            20L,
            "gotvVolunteersScheduled",
            45L,
            "gotvVolunteersToldEarly",
            true));
    complete(task("Task_KnockDoorsForGotv", pi), withVariables("gotvDoorsKnocked", 900L));
    complete(task("Task_ConfirmGotvVolunteers", pi), withVariables("gotvVolunteersConfirmed", 41L));
    complete(task("Task_MakeGotvCalls", pi), withVariables("gotvCallsMade", 1500L));
    complete(
        task("Task_SendGotvTexts", pi),
        withVariables("joinedIndivisibleTexting", true, "gotvTextsSent", 5000L));
  }

  public static void recordResult(ProcessInstance pi, String result) {
    complete(task("Task_RecordElectionResult", pi), withVariables("electionResult", result));
  }

  public static Task taskOf(ProcessInstance pi, String key) {
    return taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  public static long timersOf(ProcessInstance pi, String activityId) {
    return managementService()
        .createJobQuery()
        .processInstanceId(pi.getId())
        .activityId(activityId)
        .count();
  }
}
