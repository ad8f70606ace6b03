package org.pathtovictory.endorsement;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.pathtovictory.CampaignDriver.getOutTheVote;
import static org.pathtovictory.CampaignDriver.makeQuickPlan;
import static org.pathtovictory.CampaignDriver.recordResult;
import static org.pathtovictory.CampaignDriver.startEndorsement;
import static org.pathtovictory.endorsement.Intake.endorsementDaysBeforeElection;
import static org.pathtovictory.endorsement.Intake.with;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;

/** The day after the election: a won primary loops into the general, anything else wraps up. */
class ElectionResultProcessTest extends ProcessTestSupport {

  /** From a quick plan to the GOTV start, 20 days before the election. */
  private ProcessInstance inGotv(java.util.Map<String, Object> intake) {
    var pi = startEndorsement(intake);
    makeQuickPlan(pi, "CAMPAIGN");
    setToday(TODAY.plusDays(6));
    execute(job("TimerEvent_GotvStarts", pi));
    return pi;
  }

  @Test
  void generalElectionWonWrapsUp() {
    // Given GOTV done before election day
    var pi = inGotv(endorsementDaysBeforeElection(20));
    getOutTheVote(pi);
    assertThat(pi).isWaitingAt("TimerEvent_WaitForElectionDay");
    // When the day after the election comes, the group lead records the result
    setToday(TODAY.plusDays(21));
    execute(job("TimerEvent_WaitForElectionDay", pi));
    assertThat(task("Task_RecordElectionResult", pi))
        .hasCandidateGroup("group-leads")
        .hasDueDate(dayAt(TODAY.plusDays(22), 17));
    recordResult(pi, "WON");
    // Then the campaign wraps up: thanks, debrief, report to the organizer
    assertThat(pi).isWaitingAt("Task_ThankVolunteers", "Task_HoldDebrief");
    assertThat(task("Task_ThankVolunteers", pi)).isAssignedTo("ithaca-recruit");
    complete(
        task("Task_ThankVolunteers", pi),
        withVariables("volunteersThanked", 45L, "thankYouMethod", "Potluck"));
    complete(
        task("Task_HoldDebrief", pi),
        withVariables("debriefDate", "2026-06-28", "lessonsLearned", "Start earlier."));
    complete(task("Task_ReportToOrganizer", pi), withVariables("finalReport", "We won!"));
    assertThat(pi).hasPassed("EndEvent_CampaignWrappedUp");
  }

  @Test
  void electionDayInterruptsUnfinishedGotv() {
    var pi = inGotv(endorsementDaysBeforeElection(20));
    setToday(TODAY.plusDays(21));
    execute(job("TimerEvent_ElectionDayOver", pi));
    assertThat(pi).isNotWaitingAt("Task_PlanGotvShifts").isWaitingAt("Task_RecordElectionResult");
  }

  @Test
  void primaryWonLoopsIntoGeneralElection() {
    // Given a primary in 20 days and the general in 160
    var pi =
        inGotv(
            with(endorsementDaysBeforeElection(160), "primaryDate", TODAY.plusDays(20).toString()));
    assertThat(pi).variables().containsEntry("nextElection", "PRIMARY");
    setToday(TODAY.plusDays(21));
    execute(job("TimerEvent_ElectionDayOver", pi));
    // When the primary is won
    recordResult(pi, "WON");
    // Then the track is decided again from the general: 139 days, the full track
    assertThat(pi).hasPassed("ServiceTask_MoveToGeneralElection");
    assertThat(pi)
        .variables()
        .containsEntry("nextElection", "GENERAL")
        .containsEntry("nextElectionDate", TODAY.plusDays(160).toString())
        .containsEntry("daysToElection", 139L)
        .containsEntry("planningTrack", "FULL")
        .containsEntry("primaryResult", "WON");
    assertThat(pi).isWaitingAt("Task_HoldKickoffSession");
    assertThat(task("Task_HoldKickoffSession", pi)).hasDueDate(dayAt(TODAY.plusDays(35), 17));
  }

  @Test
  void generalAfterPrimaryKeepsTheFirewallAcknowledgement() {
    // Given a primary in 20 days and a general 45 days after it
    var pi =
        inGotv(
            with(endorsementDaysBeforeElection(66), "primaryDate", TODAY.plusDays(20).toString()));
    setToday(TODAY.plusDays(21));
    execute(job("TimerEvent_ElectionDayOver", pi));
    recordResult(pi, "WON");
    // Then the general gets the accelerated track
    assertThat(pi).variables().containsEntry("planningTrack", "ACCELERATED");
    java.util.Map<String, Object> plan =
        new java.util.HashMap<>(org.pathtovictory.CampaignDriver.leads());
    plan.put("voterContactProgram", "CAMPAIGN");
    plan.put("planSummary", "Same program, more doors.");
    complete(task("Task_PlanCampaign", pi), plan);
    org.pathtovictory.CampaignDriver.buildMomentum(pi);
    // and the firewall, already acknowledged for this program, is not asked again
    org.assertj.core.api.Assertions.assertThat(
            processEngine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(pi.getId())
                .processDefinitionKey("firewall-acknowledgement")
                .count())
        .isEqualTo(1);
    assertThat(pi).isWaitingAt("Task_OrganizeCanvassing");
  }

  @Test
  void primaryLostWrapsUp() {
    var pi =
        inGotv(
            with(endorsementDaysBeforeElection(160), "primaryDate", TODAY.plusDays(20).toString()));
    setToday(TODAY.plusDays(21));
    execute(job("TimerEvent_ElectionDayOver", pi));
    recordResult(pi, "LOST");
    assertThat(pi).hasNotPassed("ServiceTask_MoveToGeneralElection");
    assertThat(pi).isWaitingAt("Task_ThankVolunteers", "Task_HoldDebrief");
  }

  @Test
  void complianceIsNotAskedAgainForTheGeneral() {
    var pi =
        inGotv(
            with(endorsementDaysBeforeElection(160), "primaryDate", TODAY.plusDays(20).toString()));
    setToday(TODAY.plusDays(21));
    execute(job("TimerEvent_ElectionDayOver", pi));
    recordResult(pi, "WON");
    assertThat(pi).isWaitingAt("Task_HoldKickoffSession");
    org.assertj.core.api.Assertions.assertThat(
            processEngine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(pi.getId())
                .activityId("CallActivity_ComplianceGateway")
                .count())
        .isEqualTo(1);
  }
}
