package org.pathtovictory.planning;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.pathtovictory.CampaignDriver.buildMomentum;
import static org.pathtovictory.CampaignDriver.holdKickoff;
import static org.pathtovictory.CampaignDriver.leads;
import static org.pathtovictory.CampaignDriver.makeQuickPlan;
import static org.pathtovictory.CampaignDriver.passCompliance;
import static org.pathtovictory.CampaignDriver.planFully;
import static org.pathtovictory.CampaignDriver.planTactics;
import static org.pathtovictory.CampaignDriver.signOffPlan;
import static org.pathtovictory.CampaignDriver.startEndorsement;
import static org.pathtovictory.endorsement.Intake.endorsementDaysBeforeElection;
import static org.pathtovictory.endorsement.Intake.with;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.modeling.CampaignStepper;
import org.pathtovictory.web.InvalidInputException;

/** The three planning tracks of the guide, decided by the time left before the next election. */
class PlanningTracksProcessTest extends ProcessTestSupport {

  static final String[] NATIONAL_PACKAGE = {
    "Task_SendCampaignCheck",
    "Task_PublishCandidateBio",
    "Task_CreateCustomGraphics",
    "Task_OrderSwag",
    "Task_AnnounceInRoundPressRelease"
  };

  @Test
  void fullTrack() {
    // Given an endorsement four months before the general election
    var pi = startEndorsement(endorsementDaysBeforeElection(120));
    passCompliance(pi);
    // Then the national team has its package and the group lead the kick-off session
    assertThat(pi).isWaitingAt(NATIONAL_PACKAGE);
    assertThat(task("Task_SendCampaignCheck", pi))
        .hasCandidateGroup("national-endorsements")
        .hasDueDate(dayAt(TODAY.plusDays(14), 17));
    assertThat(pi).hasVariables("planningTrack").variables().containsEntry("planningTrack", "FULL");
    assertThat(task("Task_HoldKickoffSession", pi))
        .hasCandidateGroup("group-leads")
        .hasDueDate(dayAt(TODAY.plusDays(14), 17));
    // When the group plans, the organizer signs off and the group names its leads
    holdKickoff(pi);
    planTactics(pi);
    assertThat(task("Task_SignOffPlan", pi)).hasCandidateGroup("indivisible-organizers");
    signOffPlan(pi, "APPROVED", null);
    assertThat(pi).task("Task_AssignCampaignLeads").hasCandidateGroup("group-leads");
    Assertions.assertThat(
            processEngine
                .getTaskService()
                .getVariableLocal(task("Task_AssignCampaignLeads", pi).getId(), "leadChoices")
                .toString())
        .contains("ithaca-canvass")
        .doesNotContain("a2-canvass");
    complete(task("Task_AssignCampaignLeads", pi), leads());
    complete(
        task("Task_RunCommitmentDrive", pi),
        withVariables("volunteersCommitted", 40L, "commitmentListLocation", "shared sheet"));
    // Then the named recruitment captain follows up, and momentum goes to the named leads
    assertThat(task("Task_FollowUpCommitments", pi)).isAssignedTo("ithaca-recruit");
    complete(task("Task_FollowUpCommitments", pi), withVariables("volunteersConfirmed", 31L));
    assertThat(pi)
        .isWaitingAt("Task_SendGroupPressRelease", "Task_ThrowKickoffParty", "Task_ShowOffSwag");
    assertThat(task("Task_SendGroupPressRelease", pi)).isAssignedTo("ithaca-press");
    Assertions.assertThat(candidateGroupsOf(task("Task_SendGroupPressRelease", pi)))
        .containsExactly("press-liaisons");
    assertThat(task("Task_ShowOffSwag", pi)).isAssignedTo("ithaca-recruit");
    assertThat(task("Task_ThrowKickoffParty", pi)).hasCandidateGroup("group-leads");
    buildMomentum(pi);
    // Then voter contact starts with the leads of the plan
    assertThat(pi)
        .isWaitingAt(
            "Task_OrganizeCanvassing",
            "Task_WriteLettersToEditor",
            "Task_RunPhoneBank",
            "Task_RunTextBank",
            "TimerEvent_WeekPassed");
    assertThat(task("Task_OrganizeCanvassing", pi)).isAssignedTo("ithaca-canvass");
    Assertions.assertThat(candidateGroupsOf(task("Task_OrganizeCanvassing", pi)))
        .containsExactly("canvass-leads");
    assertThat(task("Task_RunPhoneBank", pi)).isAssignedTo("ithaca-phones");
  }

  @Test
  void fullTrackWithPlanChangesNeeded() {
    var pi = startEndorsement(endorsementDaysBeforeElection(120));
    passCompliance(pi);
    holdKickoff(pi);
    planTactics(pi);
    // the organizer must say what should change
    assertThatThrownBy(() -> signOffPlan(pi, "CHANGES_NEEDED", " "))
        .hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("planFeedback");
    assertThat(pi).isWaitingAt("Task_SignOffPlan");
    signOffPlan(pi, "CHANGES_NEEDED", "Add a phone bank for rural precincts.");
    assertThat(pi).isWaitingAt("Task_PlanTacticsAndTimeline");
    assertThat(task("Task_PlanTacticsAndTimeline", pi)).hasCandidateGroup("group-leads");
  }

  @Test
  void acceleratedTrack() {
    var pi = startEndorsement(endorsementDaysBeforeElection(60));
    passCompliance(pi);
    assertThat(pi).variables().containsEntry("planningTrack", "ACCELERATED");
    assertThat(pi).isWaitingAt("Task_PlanCampaign");
    assertThat(task("Task_PlanCampaign", pi))
        .hasCandidateGroup("group-leads")
        .hasDueDate(dayAt(TODAY.plusDays(7), 17));
    Map<String, Object> plan = new HashMap<>(leads());
    plan.put("voterContactProgram", "INDIVISIBLE");
    plan.put("planSummary", "Canvass on weekends.");
    complete(task("Task_PlanCampaign", pi), plan);
    assertThat(pi)
        .isWaitingAt("Task_SendGroupPressRelease", "Task_ThrowKickoffParty", "Task_ShowOffSwag");
    Assertions.assertThat(
            taskQuery()
                .processInstanceId(pi.getId())
                .taskDefinitionKey("Task_HoldKickoffSession")
                .count())
        .isZero();
  }

  @Test
  void gotvOnlyTrack() {
    var pi = startEndorsement(endorsementDaysBeforeElection(20));
    passCompliance(pi);
    assertThat(pi).variables().containsEntry("planningTrack", "GOTV_ONLY");
    assertThat(task("Task_MakeQuickPlan", pi)).hasDueDate(dayAt(TODAY.plusDays(3), 17));
    makeQuickPlan(pi, "CAMPAIGN");
    // no momentum: straight into voter contact, and get-out-the-vote in 6 days
    assertThat(pi).hasNotPassed("Task_SendGroupPressRelease");
    assertThat(pi).isWaitingAt("Task_OrganizeCanvassing", "TimerEvent_WeekPassed");
    assertThat(pi).variables().containsEntry("gotvStartDate", TODAY.plusDays(6).toString());
    // a due date is never after election day
    assertThat(task("Task_OrganizeCanvassing", pi)).hasDueDate(dayAt(TODAY.plusDays(14), 17));
  }

  @Test
  void dueDatesNeverPassElectionDay() {
    var pi = startEndorsement(endorsementDaysBeforeElection(10));
    passCompliance(pi);
    makeQuickPlan(pi, "CAMPAIGN");
    assertThat(task("Task_OrganizeCanvassing", pi)).hasDueDate(dayAt(TODAY.plusDays(10), 17));

    // every task of every track, each track at the shortest notice it is chosen for and at
    // longer ones, with every task done as late as it may be (the clock moved to its due date)
    Map<String, Map<String, Date>> dueByTrack = new TreeMap<>();
    for (int days : new int[] {120, 90, 89, 30, 29, 10, 1}) {
      setToday(TODAY);
      LocalDate electionDay = TODAY.plusDays(days);
      var campaign =
          startEndorsement(
              with(
                  with(endorsementDaysBeforeElection(days), "plannedSpending", true),
                  "spendingDescription",
                  "Printing, $200"));
      Map<String, Date> due = walkToElectionDay(campaign.getId());
      String track = (String) runtimeService().getVariable(campaign.getId(), "planningTrack");
      Assertions.assertThat(due)
          .as("%s days before the election (%s): tasks and due dates", days, track)
          .allSatisfy(
              (key, date) ->
                  Assertions.assertThat(date)
                      .as("%s, %s days before the election", key, days)
                      .isBeforeOrEqualTo(dayAt(electionDay, 17)))
          .containsKeys("Task_AcknowledgeFirewall", "Task_ReviewPlannedSpending")
          .containsKey("Task_SendGotvTexts");
      dueByTrack.computeIfAbsent(track, t -> new TreeMap<>()).putAll(due);
    }
    // all three tracks were walked, and with them every planning task of the guide
    Assertions.assertThat(dueByTrack).containsOnlyKeys("FULL", "ACCELERATED", "GOTV_ONLY");
    Assertions.assertThat(dueByTrack.get("FULL"))
        .containsKeys("Task_HoldKickoffSession", "Task_SignOffPlan", "Task_FollowUpCommitments");
    Assertions.assertThat(dueByTrack.get("ACCELERATED")).containsKeys("Task_PlanCampaign");
    Assertions.assertThat(dueByTrack.get("GOTV_ONLY")).containsKeys("Task_MakeQuickPlan");
  }

  /**
   * The timers of election day: the wrap-up after them (result, thanks, debrief, report) is due
   * after the election by design (CampaignDueDates.afterElection).
   */
  static final List<String> ELECTION_DAY =
      List.of("TimerEvent_WaitForElectionDay", "TimerEvent_ElectionDayOver");

  /**
   * Completes each open task (called processes' too) on its due date and fires each timer on its
   * own, until the campaign waits for election day; returns every task's latest due date.
   */
  private Map<String, Date> walkToElectionDay(String processInstanceId) {
    Map<String, Map<String, Object>> values = new LinkedHashMap<>();
    values.put("Task_ReviewPlannedSpending", Map.of("spendingDecision", "APPROVED"));
    values.putAll(CampaignStepper.TASKS);
    Map<String, Date> due = new TreeMap<>();
    for (int step = 0; step < 200; step++) {
      List<Task> open = new ArrayList<>();
      for (String instance : withCalledInstances(processInstanceId)) {
        open.addAll(taskQuery().processInstanceId(instance).list());
      }
      // a task without a due date cannot pass election day
      open.stream()
          .filter(t -> t.getDueDate() != null)
          .forEach(
              t ->
                  due.merge(
                      t.getTaskDefinitionKey(), t.getDueDate(), PlanningTracksProcessTest::latest));
      Task next =
          values.keySet().stream()
              .flatMap(key -> open.stream().filter(t -> key.equals(t.getTaskDefinitionKey())))
              .findFirst()
              .orElse(null);
      if (next != null) {
        lateAs(next.getDueDate());
        complete(next, values.get(next.getTaskDefinitionKey()));
        continue;
      }
      Assertions.assertThat(open).as("tasks without values").isEmpty();
      Job timer =
          CampaignStepper.TIMERS.stream()
              .filter(id -> !ELECTION_DAY.contains(id))
              .map(
                  id ->
                      managementService()
                          .createJobQuery()
                          .processInstanceId(processInstanceId)
                          .activityId(id)
                          .singleResult())
              .filter(job -> job != null)
              .findFirst()
              .orElse(null);
      if (timer == null) {
        Assertions.assertThat(runtimeService().getActiveActivityIds(processInstanceId))
            .as("the campaign waits for election day")
            .containsAnyElementsOf(ELECTION_DAY);
        return due;
      }
      lateAs(timer.getDuedate());
      managementService().executeJob(timer.getId());
    }
    throw new AssertionError("no end of the pre-election steps: " + due.keySet());
  }

  /** Moves the engine's clock forward to this moment (never back). */
  private static void lateAs(Date moment) {
    if (moment != null && moment.after(ClockUtil.getCurrentTime())) {
      ClockUtil.setCurrentTime(moment);
    }
  }

  private static List<String> withCalledInstances(String processInstanceId) {
    List<String> all = new ArrayList<>(List.of(processInstanceId));
    for (int i = 0; i < all.size(); i++) {
      runtimeService()
          .createProcessInstanceQuery()
          .superProcessInstanceId(all.get(i))
          .list()
          .forEach(called -> all.add(called.getId()));
    }
    return all;
  }

  /** The later of two due dates. */
  private static Date latest(Date a, Date b) {
    return a.after(b) ? a : b;
  }

  @Test
  void complianceReviewsAreNotDueAfterElectionDay() {
    // Given an endorsement the day before the election, with planned spending to review
    var pi =
        startEndorsement(
            with(
                with(endorsementDaysBeforeElection(1), "plannedSpending", true),
                "spendingDescription",
                "Printing, $200"));
    var review =
        processEngine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .superProcessInstanceId(pi.getId())
            .singleResult();
    // Then the review is due on election day, not two days out
    assertThat(task("Task_ReviewPlannedSpending", review))
        .hasCandidateGroup("compliance-reviewers")
        .hasDueDate(dayAt(TODAY.plusDays(1), 17));
  }

  @Test
  void leadOfAnotherGroupIsRefused() {
    var pi = startEndorsement(endorsementDaysBeforeElection(60));
    passCompliance(pi);
    Map<String, Object> plan = new HashMap<>(leads());
    plan.put("canvassLead", "a2-canvass");
    plan.put("voterContactProgram", "CAMPAIGN");
    plan.put("planSummary", "Canvass on weekends.");
    assertThatThrownBy(() -> complete(task("Task_PlanCampaign", pi), plan))
        .hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("canvassLead");
    assertThat(pi).isWaitingAt("Task_PlanCampaign");
  }

  @Test
  void formRulesRefuseBadSubmissions() {
    var pi = startEndorsement(endorsementDaysBeforeElection(120));
    passCompliance(pi);
    // a count that is not a number, and a missing date, are refused naming the field
    assertThatThrownBy(
            () ->
                complete(
                    task("Task_HoldKickoffSession", pi), withVariables("kickoffAttendees", "many")))
        .hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("kickoffAttendees")
        .hasMessageContaining("kickoffDate");
    assertThatThrownBy(
            () ->
                complete(
                    task("Task_HoldKickoffSession", pi),
                    withVariables("kickoffDate", "2026-06-10", "kickoffAttendees", -3L)))
        .hasMessageContaining("kickoffAttendees");
    assertThat(pi).isWaitingAt("Task_HoldKickoffSession");
    holdKickoff(pi);
    assertThat(pi).isWaitingAt("Task_PlanTacticsAndTimeline");
  }

  @Test
  void c3ConfirmedGetsGuidanceAndNoGroupActivity() {
    var pi = startEndorsement(with(endorsementDaysBeforeElection(120), "organizationType", "C3"));
    assertThat(pi).isWaitingAt(NATIONAL_PACKAGE);
    org.pathtovictory.CampaignDriver.confirmC3(pi);
    assertThat(pi).isWaitingAt("Task_ShareIndividualVolunteerGuidance");
    complete(
        task("Task_ShareIndividualVolunteerGuidance", pi), withVariables("guidanceShared", true));
    assertThat(pi).hasPassed("EndEvent_GroupActivityNotStarted");
    assertThat(pi).hasNotPassed("BusinessRuleTask_DecidePlanningTrack");
    Assertions.assertThat(
            taskQuery()
                .processInstanceId(pi.getId())
                .taskCandidateGroupIn(
                    java.util.List.of(
                        "canvass-leads",
                        "press-liaisons",
                        "phonebank-leads",
                        "recruitment-captains"))
                .count())
        .isZero();
  }

  @Test
  void planFullyReachesVoterContact() {
    var pi = startEndorsement(endorsementDaysBeforeElection(120));
    planFully(pi);
    buildMomentum(pi);
    assertThat(pi).isWaitingAt("Task_OrganizeCanvassing");
  }
}
