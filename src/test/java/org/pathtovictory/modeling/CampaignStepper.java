package org.pathtovictory.modeling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.pathtovictory.CampaignDriver;

/**
 * Takes a campaign one step at a time, whatever version it runs on: the first open task in the
 * order of the guide is completed with the values its form asks for; with no task open, the next
 * timer that moves the campaign on fires (get-out-the-vote start, the day after the election).
 * Tests use it to spread campaigns over every phase and to drive each one to wrap-up; its tables
 * also drive campaigns over REST ({@code system.UpgradeIT}).
 */
public final class CampaignStepper {

  /** The values each task's form submits, in the order steps are taken. */
  public static final Map<String, Map<String, Object>> TASKS = new LinkedHashMap<>();

  static {
    TASKS.put(
        "Task_SendCampaignCheck", Map.of("checkSentDate", "2026-06-03", "checkReference", "1042"));
    TASKS.put(
        "Task_PublishCandidateBio",
        Map.of("candidateBioUrl", "https://indivisible.org/endorsements/riley"));
    TASKS.put(
        "Task_CreateCustomGraphics",
        Map.of("graphicsUrl", "https://drive.example.org/riley-graphics"));
    TASKS.put(
        "Task_OrderSwag",
        Map.of("swagItems", "200 buttons, 50 hats", "swagShipDate", "2026-06-15"));
    TASKS.put("Task_AnnounceInRoundPressRelease", Map.of("roundPressReleaseDate", "2026-06-04"));
    TASKS.put("Task_AcknowledgeFirewall", Map.of("firewallAcknowledged", true));
    TASKS.put(
        "Task_HoldKickoffSession", Map.of("kickoffDate", "2026-06-10", "kickoffAttendees", 35L));
    TASKS.put(
        "Task_PlanTacticsAndTimeline",
        Map.of(
            "voterContactProgram", "CAMPAIGN",
            "tacticCanvassing", true,
            "planSummary", "Canvass every weekend from July; phone bank on Tuesdays."));
    TASKS.put("Task_SignOffPlan", Map.of("planDecision", "APPROVED"));
    TASKS.put("Task_AssignCampaignLeads", CampaignDriver.leads());
    TASKS.put(
        "Task_RunCommitmentDrive",
        Map.of("volunteersCommitted", 40L, "commitmentListLocation", "shared sheet"));
    TASKS.put("Task_FollowUpCommitments", Map.of("volunteersConfirmed", 31L));
    TASKS.put("Task_PlanCampaign", plan("Canvass on weekends."));
    TASKS.put("Task_DraftCampaignPlan", plan("Canvass on weekends."));
    TASKS.put("Task_MakeQuickPlan", plan("Knock doors every evening."));
    TASKS.put(
        "Task_SendGroupPressRelease",
        Map.of("pressReleaseSentDate", "2026-06-20", "outletsContacted", 6L));
    TASKS.put(
        "Task_ThrowKickoffParty",
        Map.of(
            "partyDate",
            "2026-06-27",
            "partyVenue",
            "Town park",
            "partyAttendees",
            80L,
            "newMembers",
            12L));
    TASKS.put("Task_ShowOffSwag", Map.of("swagPlan", "Raffle a hat"));
    TASKS.put(
        "Task_OrganizeCanvassing",
        Map.of("turfsCut", 12L, "canvassShiftsScheduled", 30L, "canvassStartDate", "2026-06-05"));
    TASKS.put("Task_WriteLettersToEditor", Map.of("lettersSubmitted", 5L, "lettersPublished", 2L));
    TASKS.put("Task_RunPhoneBank", Map.of("phoneBankSessions", 8L, "phoneBankTool", "CAMPAIGN"));
    TASKS.put("Task_RunTextBank", Map.of("textingShifts", 6L));
    TASKS.put("Task_TrainCanvassers", Map.of("canvassersTrained", 9L));
    TASKS.put(
        "Task_ReportVoterContact",
        Map.of(
            "weekDoorsKnocked", 400L,
            "weekConversations", 100L,
            "weekCalls", 120L,
            "weekTexts", 300L,
            "weekLettersPublished", 1L,
            "weekActiveVolunteers", 18L));
    TASKS.put(
        "Task_PlanGotvShifts",
        Map.of(
            "gotvShiftsPlanned", 20L,
            "gotvVolunteersScheduled", 45L,
            "gotvVolunteersToldEarly", true));
    TASKS.put("Task_KnockDoorsForGotv", Map.of("gotvDoorsKnocked", 900L));
    TASKS.put("Task_ConfirmGotvVolunteers", Map.of("gotvVolunteersConfirmed", 41L));
    TASKS.put("Task_MakeGotvCalls", Map.of("gotvCallsMade", 1500L));
    TASKS.put(
        "Task_SendGotvTexts", Map.of("joinedIndivisibleTexting", true, "gotvTextsSent", 5000L));
    TASKS.put("Task_RecordElectionResult", Map.of("electionResult", "WON"));
    TASKS.put(
        "Task_ThankVolunteers", Map.of("volunteersThanked", 45L, "thankYouMethod", "Potluck"));
    TASKS.put(
        "Task_HoldDebrief",
        Map.of("debriefDate", "2026-06-28", "lessonsLearned", "Start earlier."));
    TASKS.put("Task_ReportToOrganizer", Map.of("finalReport", "We won!"));
  }

  /** Timers that move a campaign on when no task is open, the first found fires. */
  public static final List<String> TIMERS =
      List.of(
          "TimerEvent_GotvStarts", "TimerEvent_WaitForElectionDay", "TimerEvent_ElectionDayOver");

  private final ProcessEngine engine;

  public CampaignStepper(ProcessEngine engine) {
    this.engine = engine;
  }

  private static Map<String, Object> plan(String summary) {
    Map<String, Object> values = new HashMap<>(CampaignDriver.leads());
    values.put("voterContactProgram", "CAMPAIGN");
    values.put("planSummary", summary);
    return values;
  }

  boolean ended(String processInstanceId) {
    return engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .count()
        == 0;
  }

  /** Takes one step; false if the campaign ended or nothing could be done. */
  boolean step(String processInstanceId) {
    if (ended(processInstanceId)) {
      return false;
    }
    List<String> instances = withCalledInstances(processInstanceId);
    List<Task> open =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceIdIn(instances.toArray(String[]::new))
            .list();
    for (String key : TASKS.keySet()) {
      for (Task task : open) {
        if (key.equals(task.getTaskDefinitionKey())) {
          engine.getTaskService().complete(task.getId(), TASKS.get(key));
          return true;
        }
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalStateException("no values for " + open.get(0).getTaskDefinitionKey());
    }
    for (String timer : TIMERS) {
      Job job = timer(processInstanceId, timer);
      if (job != null) {
        engine.getManagementService().executeJob(job.getId());
        return true;
      }
    }
    return false;
  }

  /** Steps until the campaign is where the test wants it. */
  public void stepUntil(String processInstanceId, Predicate<List<String>> where) {
    List<List<String>> seen = new ArrayList<>();
    for (int i = 0; i < 100 && !where.test(activeActivities(processInstanceId)); i++) {
      seen.add(activeActivities(processInstanceId));
      if (!step(processInstanceId)) {
        throw new IllegalStateException(
            "never got there: " + processInstanceId + " went through " + seen);
      }
    }
    if (!where.test(activeActivities(processInstanceId))) {
      throw new IllegalStateException("never got there: went through " + seen);
    }
  }

  /** Steps until the campaign ended; how many steps that took. */
  int driveToEnd(String processInstanceId) {
    int steps = 0;
    while (!ended(processInstanceId)) {
      if (!step(processInstanceId) || ++steps > 200) {
        throw new IllegalStateException(
            "stuck at " + activeActivities(processInstanceId) + " of " + processInstanceId);
      }
    }
    return steps;
  }

  Job timer(String processInstanceId, String activityId) {
    return engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(processInstanceId)
        .activityId(activityId)
        .singleResult();
  }

  List<String> activeActivities(String processInstanceId) {
    if (ended(processInstanceId)) {
      return List.of();
    }
    List<String> active = new ArrayList<>();
    for (String instance : withCalledInstances(processInstanceId)) {
      active.addAll(engine.getRuntimeService().getActiveActivityIds(instance));
    }
    return active;
  }

  private List<String> withCalledInstances(String processInstanceId) {
    List<String> all = new ArrayList<>(List.of(processInstanceId));
    for (int i = 0; i < all.size(); i++) {
      engine
          .getRuntimeService()
          .createProcessInstanceQuery()
          .superProcessInstanceId(all.get(i))
          .list()
          .forEach(called -> all.add(called.getId()));
    }
    return all;
  }
}
