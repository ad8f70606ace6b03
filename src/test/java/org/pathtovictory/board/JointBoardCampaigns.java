package org.pathtovictory.board;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.pathtovictory.CampaignDriver;
import org.pathtovictory.ProcessTestSupport;

/**
 * Joint campaigns for the board's tests: Ithaca leads, Ann Arbor is the partner, walked through the
 * real models. A partner's steps are completed with the values their forms ask for, whatever order
 * the partner's model puts them in, until the partner reaches voter contact.
 */
public final class JointBoardCampaigns {

  public static final String PARTNER_PROCESS = "joint-campaign-partner";

  /** Free text a partner writes into its plan: never on another group's board. */
  public static final String PARTNER_PLAN = "Ann Arbor canvasses the north side on Saturdays.";

  private JointBoardCampaigns() {}

  /** Ithaca's GOTV_ONLY campaign with Ann Arbor as partner, Ithaca in voter contact. */
  public static ProcessInstance ithacaWithAnnArbor(ProcessEngine engine, String candidate) {
    return BoardCampaigns.inVoterContact(
        engine,
        ProcessTestSupport.ITHACA,
        candidate,
        "NY-24",
        Map.of("partnerGroups", ProcessTestSupport.ANN_ARBOR));
  }

  /** The partner group's part of the campaign (its own instance, in its own tenant). */
  public static ProcessInstance partnerOf(ProcessInstance lead, String group) {
    return runtimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey(PARTNER_PROCESS)
        .processInstanceBusinessKey(lead.getBusinessKey() + "/" + group)
        .singleResult();
  }

  /** The partner group's lead answers the confirmation. */
  public static void confirm(ProcessInstance partner, boolean takingPart) {
    Map<String, Object> answer = new HashMap<>();
    answer.put("takingPart", takingPart ? "YES" : "NO");
    answer.put("organizationType", "UNINCORPORATED");
    answer.put("plannedSpending", false);
    complete(task(partner, "Task_ConfirmTakingPart"), answer);
    runJobs(partner);
  }

  /** What the partner's steps before voter contact are completed with (its plan sets goals). */
  public static final Map<String, Map<String, Object>> PLAN_STEPS =
      Map.of(
          "Task_HoldKickoffSession", Map.of("kickoffDate", "2026-06-03", "kickoffAttendees", 20L),
          "Task_PlanTacticsAndTimeline",
              Map.of(
                  "voterContactProgram", "CAMPAIGN",
                  "tacticCanvassing", true,
                  "planSummary", PARTNER_PLAN,
                  "voterContactGoalDoors", 3000L,
                  "voterContactGoalCalls", 1000L,
                  "voterContactGoalTexts", 4000L,
                  "voterContactGoalLetters", 4L),
          "Task_RunCommitmentDrive",
              Map.of("volunteersCommitted", 25L, "commitmentListLocation", "our sheet"),
          "Task_FollowUpCommitments", Map.of("volunteersConfirmed", 20L),
          "Task_SendGroupPressRelease",
              Map.of("pressReleaseSentDate", "2026-06-04", "outletsContacted", 3L));

  /** What the partner's get-out-the-vote and wrap-up steps are completed with. */
  public static final Map<String, Map<String, Object>> GOTV_AND_WRAP_UP_STEPS =
      Map.of(
          "Task_PlanGotvShifts",
              Map.of(
                  "gotvShiftsPlanned", 8L,
                  "gotvVolunteersScheduled", 20L,
                  "gotvVolunteersToldEarly", true),
          "Task_KnockDoorsForGotv", Map.of("gotvDoorsKnocked", 300L),
          "Task_ConfirmGotvVolunteers", Map.of("gotvVolunteersConfirmed", 18L),
          "Task_MakeGotvCalls", Map.of("gotvCallsMade", 500L),
          "Task_SendGotvTexts", Map.of("joinedIndivisibleTexting", true, "gotvTextsSent", 900L),
          "Task_ThankVolunteers", Map.of("volunteersThanked", 20L, "thankYouMethod", "Cards"),
          "Task_HoldDebrief",
              Map.of("debriefDate", "2026-06-28", "lessonsLearned", "Share turf earlier."));

  /** Everything the partner group does before talking to voters, its goals set in its plan. */
  public static void partnerToVoterContact(ProcessInstance partner) {
    for (int step = 0; step < 20 && !inVoterContact(partner); step++) {
      CampaignDriver.passCompliance(partner);
      CampaignDriver.acknowledgeFirewall(partner);
      completeOpen(partner, PLAN_STEPS);
    }
    runJobs(partner);
    if (!inVoterContact(partner)) {
      throw new AssertionError(
          "the partner did not reach voter contact: "
              + runtimeService().getActiveActivityIds(partner.getId()));
    }
  }

  private static boolean inVoterContact(ProcessInstance partner) {
    return runtimeService().getActiveActivityIds(partner.getId()).stream()
        .anyMatch(List.of("Task_OrganizeCanvassing", "TimerEvent_WeekPassed")::contains);
  }

  /**
   * Completes every open step of the instance that {@code values} names, then runs its async steps;
   * false when none was open.
   */
  public static boolean completeOpen(
      ProcessInstance instance, Map<String, Map<String, Object>> values) {
    boolean any = false;
    for (Task open : taskQuery().processInstanceId(instance.getId()).list()) {
      if (values.containsKey(open.getTaskDefinitionKey())) {
        complete(open, values.get(open.getTaskDefinitionKey()));
        any = true;
      }
    }
    runJobs(instance);
    return any;
  }

  /** The async steps (telling the lead, mails): run as the job executor would. */
  public static void runJobs(ProcessInstance instance) {
    for (int round = 0; round < 5; round++) {
      List<Job> due =
          managementService()
              .createJobQuery()
              .processInstanceId(instance.getId())
              .messages()
              .list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService().executeJob(job.getId()));
    }
  }

  public static Task task(ProcessInstance instance, String key) {
    return taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
  }
}
