package org.pathtovictory.board;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.pathtovictory.CampaignDriver;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.endorsement.Intake;

/**
 * Campaigns for the board's tests, walked through the real process: a quick plan with voter-contact
 * goals, then weekly reports as the group lead submits them.
 */
public final class BoardCampaigns {

  public static final LocalDate TODAY = ProcessTestSupport.TODAY;

  private BoardCampaigns() {}

  public static void setToday(LocalDate day) {
    ClockUtil.setCurrentTime(
        Date.from(day.atTime(9, 0).atZone(ProcessTestSupport.ZONE).toInstant()));
  }

  /** A GOTV_ONLY campaign 28 days before its election, planned with goals, in voter contact. */
  public static ProcessInstance inVoterContact(
      ProcessEngine engine, String group, String candidate, String race) {
    return inVoterContact(engine, group, candidate, race, Map.of());
  }

  /** The same, with more intake values (e.g. {@code partnerGroups}). */
  public static ProcessInstance inVoterContact(
      ProcessEngine engine, String group, String candidate, String race, Map<String, Object> more) {
    BpmnAwareTests.init(engine);
    var intake = Intake.endorsementDaysBeforeElection(28);
    for (var value : more.entrySet()) {
      intake = Intake.with(intake, value.getKey(), value.getValue());
    }
    intake = Intake.with(intake, "leadGroup", group);
    intake = Intake.with(intake, "candidateName", candidate);
    intake = Intake.with(intake, "race", race);
    ProcessInstance pi = CampaignDriver.startEndorsement(intake);
    toVoterContact(pi);
    return pi;
  }

  /** A GOTV_ONLY campaign just started passes compliance and plans quickly, with goals. */
  public static void toVoterContact(ProcessInstance pi) {
    String group = pi.getTenantId();
    CampaignDriver.passCompliance(pi);
    Map<String, Object> plan = new HashMap<>();
    if (group.equals(ProcessTestSupport.ITHACA)) {
      plan.putAll(CampaignDriver.leads());
    }
    plan.put("voterContactProgram", "CAMPAIGN");
    plan.put("planSummary", "Knock doors every evening.");
    plan.put("voterContactGoalDoors", 5000L);
    plan.put("voterContactGoalCalls", 2000L);
    plan.put("voterContactGoalTexts", 9000L);
    plan.put("voterContactGoalLetters", 6L);
    complete(task("Task_MakeQuickPlan", pi), plan);
    CampaignDriver.acknowledgeFirewall(pi);
  }

  /** The week passes and the group lead reports its numbers. */
  public static void report(ProcessInstance pi, long doors, long calls, long texts, long letters) {
    execute(job("TimerEvent_WeekPassed", pi));
    completeReport(pi, doors, calls, texts, letters);
  }

  /** The group lead submits the weekly report already asked for. */
  public static void completeReport(
      ProcessInstance pi, long doors, long calls, long texts, long letters) {
    complete(
        task("Task_ReportVoterContact", pi),
        withVariables(
            "weekDoorsKnocked", doors,
            "weekConversations", doors / 4,
            "weekCalls", calls,
            "weekTexts", texts,
            "weekLettersPublished", letters,
            "weekActiveVolunteers", 12L));
  }
}
