package org.pathtovictory.votercontact;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.pathtovictory.CampaignDriver.doFieldWork;
import static org.pathtovictory.CampaignDriver.makeQuickPlan;
import static org.pathtovictory.CampaignDriver.reportWeek;
import static org.pathtovictory.CampaignDriver.startEndorsement;
import static org.pathtovictory.CampaignDriver.timersOf;
import static org.pathtovictory.endorsement.Intake.endorsementDaysBeforeElection;

import org.assertj.core.api.Assertions;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;

/** Identification and persuasion until get-out-the-vote starts. */
class VoterContactProcessTest extends ProcessTestSupport {

  @Test
  void gotvTimerInterruptsVoterContact() {
    // Given a group in voter contact 25 days before the election
    var pi = startEndorsement(endorsementDaysBeforeElection(25));
    makeQuickPlan(pi, "CAMPAIGN");
    assertThat(pi).isWaitingAt("Task_OrganizeCanvassing", "Task_RunPhoneBank");
    assertThat(job("TimerEvent_GotvStarts", pi)).hasDueDate(dayAt(TODAY.plusDays(11), 0));
    // When the get-out-the-vote start date comes
    setToday(TODAY.plusDays(11));
    execute(job("TimerEvent_GotvStarts", pi));
    // Then persuasion stops and the canvass lead plans the GOTV shifts
    assertThat(pi)
        .isNotWaitingAt("Task_OrganizeCanvassing", "Task_RunPhoneBank", "TimerEvent_WeekPassed");
    assertThat(pi).isWaitingAt("Task_PlanGotvShifts");
    assertThat(task("Task_PlanGotvShifts", pi))
        .isAssignedTo("ithaca-canvass")
        .hasDueDate(dayAt(TODAY.plusDays(14), 17));
  }

  @Test
  void weeklyReportRecurs() {
    var pi = startEndorsement(endorsementDaysBeforeElection(28));
    makeQuickPlan(pi, "INDIVISIBLE");
    // the first report is asked a week after voter contact began, of the group lead
    assertThat(job("TimerEvent_WeekPassed", pi)).hasDueDate(dayAt(TODAY.plusDays(7), 9));
    setToday(TODAY.plusDays(7));
    execute(job("TimerEvent_WeekPassed", pi));
    assertThat(task("Task_ReportVoterContact", pi))
        .hasCandidateGroup("group-leads")
        .hasDueDate(dayAt(TODAY.plusDays(9), 17));
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete(
        task("Task_ReportVoterContact", pi),
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables(
            "weekDoorsKnocked", 400L,
            "weekConversations", 100L,
            "weekCalls", 120L,
            "weekTexts", 300L,
            "weekLettersPublished", 1L,
            "weekActiveVolunteers", 18L));
    // the next week asks again
    assertThat(pi).isWaitingAt("TimerEvent_WeekPassed");
    setToday(TODAY.plusDays(14));
    reportWeek(pi, 600L);
    // Then both weeks are kept as data, with running totals
    var reports = Spin.JSON(runtimeVariable(pi.getId(), "voterContactReports").toString());
    Assertions.assertThat(reports.elements()).hasSize(2);
    Assertions.assertThat(reports.elements().get(0).prop("doorsKnocked").numberValue().longValue())
        .isEqualTo(400L);
    Assertions.assertThat(reports.elements().get(1).prop("week").numberValue().intValue())
        .isEqualTo(2);
    var totals = Spin.JSON(runtimeVariable(pi.getId(), "voterContactTotals").toString());
    Assertions.assertThat(totals.prop("doorsKnocked").numberValue().longValue()).isEqualTo(1000L);
    // and history keeps each week's numbers
    Assertions.assertThat(
            processEngine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId())
                .variableName("weekDoorsKnocked")
                .count())
        .isEqualTo(2);
  }

  @Test
  void persuasionEndsWhenReportedAfterGotvStart() {
    // Given all field work done, and a report completed once GOTV has begun
    var pi = startEndorsement(endorsementDaysBeforeElection(20));
    makeQuickPlan(pi, "CAMPAIGN");
    doFieldWork(pi);
    setToday(TODAY.plusDays(7));
    reportWeek(pi, 300L);
    // Then voter contact completes on its own and get-out-the-vote begins
    assertThat(pi).hasPassed("EndEvent_PersuasionOver", "EndEvent_FieldWorkUnderWay");
    assertThat(pi).isWaitingAt("Task_PlanGotvShifts");
    Assertions.assertThat(timersOf(pi, "TimerEvent_GotvStarts")).isZero();
  }

  @Test
  void programChangeAsksForTheFirewallAgain() {
    var pi = startEndorsement(endorsementDaysBeforeElection(25));
    makeQuickPlan(pi, "CAMPAIGN");
    assertThat(pi).variables().containsEntry("firewallProgram", "CAMPAIGN");
    // When the group switches to Indivisible's own program mid-campaign
    processEngine
        .getRuntimeService()
        .createMessageCorrelation("VoterContactProgramChanged")
        .processInstanceId(pi.getId())
        .setVariable("voterContactProgram", "INDIVISIBLE")
        .correlate();
    org.pathtovictory.CampaignDriver.acknowledgeFirewall(pi);
    // Then the firewall is acknowledged again for the new program, and voter contact goes on
    assertThat(pi).hasPassed("CallActivity_FirewallReacknowledgement");
    assertThat(pi).variables().containsEntry("firewallProgram", "INDIVISIBLE");
    assertThat(pi).isWaitingAt("Task_OrganizeCanvassing");
  }

  private Object runtimeVariable(String processInstanceId, String name) {
    return processEngine.getRuntimeService().getVariable(processInstanceId, name);
  }
}
