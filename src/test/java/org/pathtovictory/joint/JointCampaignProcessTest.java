package org.pathtovictory.joint;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.pathtovictory.CampaignDriver.confirmC3;
import static org.pathtovictory.CampaignDriver.holdKickoff;
import static org.pathtovictory.CampaignDriver.makeQuickPlan;
import static org.pathtovictory.CampaignDriver.passCompliance;
import static org.pathtovictory.CampaignDriver.planTactics;
import static org.pathtovictory.CampaignDriver.recordResult;
import static org.pathtovictory.CampaignDriver.startEndorsement;
import static org.pathtovictory.endorsement.Intake.endorsementDaysBeforeElection;
import static org.pathtovictory.endorsement.Intake.with;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;

/**
 * A joint campaign led by Ithaca with Ann Arbor as partner: Ann Arbor's part runs in its own
 * tenant, the lead's sign-off waits for it, a partner that is out changes nothing for the lead, and
 * the lead's election result ends the partner's steps.
 */
class JointCampaignProcessTest extends ProcessTestSupport {

  static final String PARTNER_PROCESS = "joint-campaign-partner";

  private Set<String> before;

  @BeforeEach
  void noteTheRunningInstances() {
    before = rootInstances();
  }

  /**
   * The process tests share one engine, and some count every open task of a role: what this test
   * started (the campaigns, and with them the partner groups' parts they called) goes.
   */
  @AfterEach
  void removeWhatThisTestStarted() {
    Set<String> started = rootInstances();
    started.removeAll(before);
    if (!started.isEmpty()) {
      runtimeService().deleteProcessInstances(List.copyOf(started), "test done", true, true);
    }
  }

  private static Set<String> rootInstances() {
    return runtimeService().createProcessInstanceQuery().rootProcessInstances().list().stream()
        .map(ProcessInstance::getId)
        .collect(Collectors.toCollection(HashSet::new));
  }

  private ProcessInstance jointCampaign(int daysBeforeElection) {
    return startEndorsement(
        with(endorsementDaysBeforeElection(daysBeforeElection), "partnerGroups", ANN_ARBOR));
  }

  static ProcessInstance partnerOf(ProcessInstance lead) {
    return runtimeService()
        .createProcessInstanceQuery()
        .superProcessInstanceId(lead.getId())
        .processDefinitionKey(PARTNER_PROCESS)
        .singleResult();
  }

  static void confirm(ProcessInstance partner, String organizationType) {
    complete(
        task("Task_ConfirmTakingPart", partner),
        withVariables(
            "takingPart", "YES", "organizationType", organizationType, "plannedSpending", false));
  }

  /** The partner's lead confirms, the review clears, the group gives its part of the plan. */
  static void partnerPlans(ProcessInstance partner) {
    confirm(partner, "UNINCORPORATED");
    passCompliance(partner);
    holdKickoff(partner);
    planTactics(partner);
    execute(job("ServiceTask_GivePartOfPlan", partner));
  }

  @Test
  void partnerGroupGetsItsOwnPartInItsOwnGroup() {
    // When Ithaca starts a campaign with Ann Arbor as partner
    ProcessInstance lead = jointCampaign(120);
    // Then Ann Arbor's part runs in Ann Arbor's tenant and asks Ann Arbor's lead to confirm
    ProcessInstance partner = partnerOf(lead);
    org.assertj.core.api.Assertions.assertThat(partner.getTenantId()).isEqualTo(ANN_ARBOR);
    org.assertj.core.api.Assertions.assertThat(partner.getBusinessKey())
        .isEqualTo(lead.getBusinessKey() + "/" + ANN_ARBOR);
    assertThat(partner).isWaitingAt("Task_ConfirmTakingPart");
    assertThat(task("Task_ConfirmTakingPart", partner))
        .hasCandidateGroup("group-leads")
        .hasDueDate(dayAt(TODAY.plusDays(5), 17));
    org.assertj.core.api.Assertions.assertThat(
            task("Task_ConfirmTakingPart", partner).getTenantId())
        .isEqualTo(ANN_ARBOR);
    assertThat(partner)
        .variables()
        .containsEntry("group", ANN_ARBOR)
        .containsEntry("leadGroup", ITHACA)
        .containsEntry("leadCampaignId", lead.getId())
        .containsEntry("candidateName", "Josh Riley")
        .containsEntry("nextElectionDate", TODAY.plusDays(120).toString());
  }

  @Test
  void leadSignOffWaitsForThePartnersPart() {
    // Given the lead group wrote its plan before the partner did
    ProcessInstance lead = jointCampaign(120);
    ProcessInstance partner = partnerOf(lead);
    passCompliance(lead);
    holdKickoff(lead);
    planTactics(lead);
    // Then the sign-off waits for Ann Arbor
    assertThat(lead).isWaitingAt("ConditionalEvent_PartnersPlanned");
    // When Ann Arbor confirms, clears its own review and gives its part of the plan
    partnerPlans(partner);
    // Then the plan goes to sign-off and Ann Arbor goes on, without waiting for the lead
    assertThat(lead).isWaitingAt("Task_SignOffPlan");
    assertThat(partner).isWaitingAt("Task_RunCommitmentDrive");
    assertThat(task("Task_RunCommitmentDrive", partner)).hasCandidateGroup("group-leads");
  }

  @Test
  void campaignWithoutPartnersNeverWaits() {
    ProcessInstance lead = startEndorsement(endorsementDaysBeforeElection(120));
    passCompliance(lead);
    holdKickoff(lead);
    planTactics(lead);
    assertThat(lead).isWaitingAt("Task_SignOffPlan").hasPassed("EndEvent_NoPartnerGroups");
  }

  @Test
  void partnerThatDeclinesIsOutAndTheLeadGoesOn() {
    ProcessInstance lead = jointCampaign(120);
    ProcessInstance partner = partnerOf(lead);
    passCompliance(lead);
    holdKickoff(lead);
    planTactics(lead);
    // When Ann Arbor's lead says no
    complete(task("Task_ConfirmTakingPart", partner), withVariables("takingPart", "NO"));
    execute(job("ServiceTask_TellLeadNotTakingPart", partner));
    // Then Ann Arbor's part ends and the lead's plan no longer waits
    assertThat(partner).isEnded().hasPassed("EndEvent_NotTakingPartAsGroup");
    assertThat(lead).isWaitingAt("Task_SignOffPlan").hasPassed("EndEvent_PartnersDone");
  }

  @Test
  void partnerThatNeverAnswersIsOutAfterFiveDays() {
    ProcessInstance lead = jointCampaign(120);
    ProcessInstance partner = partnerOf(lead);
    // When five days pass without an answer
    execute(job("TimerEvent_NoAnswer", partner));
    execute(job("ServiceTask_TellLeadNotTakingPart", partner));
    // Then Ann Arbor is out, and the lead's plan does not wait for it
    assertThat(partner).isEnded().hasPassed("EndEvent_NotTakingPartAsGroup");
    passCompliance(lead);
    holdKickoff(lead);
    planTactics(lead);
    assertThat(lead).isWaitingAt("Task_SignOffPlan");
  }

  @Test
  void c3PartnerGoesToReviewAndGetsNoGroupSteps() {
    ProcessInstance lead = jointCampaign(120);
    ProcessInstance partner = partnerOf(lead);
    // When Ann Arbor says it is a 501(c)(3)
    confirm(partner, "C3");
    // Then its own review runs, in its own tenant
    assertThat(partner).isWaitingAt("CallActivity_PartnerCompliance");
    confirmC3(partner);
    // and its lead shares the individual-volunteer guidance, and the group's part ends there
    assertThat(partner).isWaitingAt("Task_ShareIndividualVolunteerGuidance");
    complete(
        task("Task_ShareIndividualVolunteerGuidance", partner),
        withVariables("guidanceShared", true));
    execute(job("ServiceTask_TellLeadNotTakingPart", partner));
    assertThat(partner)
        .isEnded()
        .hasNotPassed("Task_HoldKickoffSession")
        .hasPassed("EndEvent_NotTakingPartAsGroup");
    // the lead group's own review is untouched by the partner's organization type
    assertThat(lead).variables().containsEntry("organizationType", "UNINCORPORATED");
  }

  @Test
  void resultEndsThePartnersOpenStepsAndWrapsUp() {
    // Given a quick campaign: the general in 20 days, Ann Arbor in its planning
    ProcessInstance lead = jointCampaign(20);
    ProcessInstance partner = partnerOf(lead);
    confirm(partner, "UNINCORPORATED");
    passCompliance(partner);
    makeQuickPlan(lead, "CAMPAIGN");
    assertThat(partner).isWaitingAt("Task_HoldKickoffSession");
    // When the lead group records the result
    setToday(TODAY.plusDays(21));
    execute(job("TimerEvent_GotvStarts", lead));
    execute(job("TimerEvent_ElectionDayOver", lead));
    recordResult(lead, "WON");
    // Then Ann Arbor's open steps close and it wraps up with its own volunteers
    assertThat(partner)
        .isNotWaitingAt("Task_HoldKickoffSession")
        .isWaitingAt("Task_ThankVolunteers", "Task_HoldDebrief");
    assertThat(task("Task_ThankVolunteers", partner)).hasCandidateGroup("recruitment-captains");
    complete(
        task("Task_ThankVolunteers", partner),
        withVariables("volunteersThanked", 12L, "thankYouMethod", "Cards"));
    complete(
        task("Task_HoldDebrief", partner),
        withVariables("debriefDate", "2026-06-28", "lessonsLearned", "Together is better."));
    assertThat(partner).isEnded().hasPassed("EndEvent_PartWrappedUp");
  }

  @Test
  void primaryWonLoopsThePartnerIntoTheGeneralElection() {
    // Given a primary in 20 days, the general in 160, Ann Arbor talking to voters
    ProcessInstance lead =
        startEndorsement(
            with(
                with(
                    endorsementDaysBeforeElection(160),
                    "primaryDate",
                    TODAY.plusDays(20).toString()),
                "partnerGroups",
                ANN_ARBOR));
    ProcessInstance partner = partnerOf(lead);
    partnerPlans(partner);
    complete(
        task("Task_RunCommitmentDrive", partner),
        withVariables("volunteersCommitted", 20L, "commitmentListLocation", "sheet"));
    complete(
        task("Task_SendGroupPressRelease", partner),
        withVariables("pressReleaseSentDate", "2026-06-05", "outletsContacted", 3L));
    assertThat(partner).isWaitingAt("Task_OrganizeCanvassing", "Task_RunPhoneBank");
    makeQuickPlan(lead, "CAMPAIGN");
    // When the primary is won
    setToday(TODAY.plusDays(21));
    execute(job("TimerEvent_GotvStarts", lead));
    execute(job("TimerEvent_ElectionDayOver", lead));
    recordResult(lead, "WON");
    // Then Ann Arbor talks to voters again, for the general election's dates
    assertThat(partner).hasPassed("ServiceTask_MoveToGeneralElection");
    assertThat(partner)
        .variables()
        .containsEntry("nextElection", "GENERAL")
        .containsEntry("nextElectionDate", TODAY.plusDays(160).toString());
    assertThat(partner)
        .isWaitingAt("Task_OrganizeCanvassing")
        .isNotWaitingAt("Task_ConfirmTakingPart");
    assertThat(task("Task_OrganizeCanvassing", partner)).hasCandidateGroup("canvass-leads");
    assertThat(lead).isWaitingAt("Task_HoldKickoffSession");
  }
}
