package org.pathtovictory.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** The compliance gateway, one test per route, started as the main process calls it. */
class ComplianceReviewProcessTest extends ComplianceTestSupport {

  static final String DECIDE_ROUTE = "BusinessRuleTask_DecideComplianceRoute";
  static final String C3_REVIEW = "Task_Review501c3Status";
  static final String SPENDING_REVIEW = "Task_ReviewPlannedSpending";
  static final String FIREWALL_CALL = "CallActivity_FirewallAcknowledgement";

  @Test
  void noReviewNeeded() {
    // Given an unincorporated group that plans no spending and leaves the program to planning
    // When the gateway runs
    ProcessInstance gateway = startComplianceReview(endorsement("UNINCORPORATED", false, null));
    // Then it clears the group at once; the firewall is asked once the program is chosen
    assertThat(gateway).isEnded().hasPassed(DECIDE_ROUTE, "Event_FirewallAskedWhenProgramChosen");
    assertThat(variablesOf(gateway))
        .containsEntry("complianceOutcome", "CLEARED")
        .containsEntry("organizationType", "UNINCORPORATED")
        .containsEntry("spendingDecision", "NOT_NEEDED")
        .containsEntry("spendingConditions", null)
        .containsEntry("firewallAcknowledged", false)
        .containsEntry("firewallProgram", null);
  }

  @Test
  void sharedDecisionResolvesForTenantInstance() {
    // Given the shared definitions and an instance in Ithaca's tenant
    ProcessInstance gateway = startComplianceReview(endorsement("C4", false, null));
    // Then the shared decision was found and its evaluation belongs to Ithaca
    assertThat(gateway.getTenantId()).isEqualTo(ITHACA);
    HistoricDecisionInstance evaluation =
        historyService
            .createHistoricDecisionInstanceQuery()
            .processInstanceId(gateway.getId())
            .singleResult();
    assertThat(evaluation.getDecisionDefinitionKey()).isEqualTo("complianceRoute");
    assertThat(evaluation.getTenantId()).isEqualTo(ITHACA);
  }

  @Test
  void c3Confirmed() {
    // Given a group recorded as a 501(c)(3) that plans spending and wants to work with the campaign
    ProcessInstance gateway = startComplianceReview(endorsement("C3", true, "CAMPAIGN"));
    // Then only the 501(c)(3) review is open: no spending review, no firewall, no field task
    assertThat(gateway).isWaitingAt(C3_REVIEW);
    assertThat(task(gateway)).hasCandidateGroup("compliance-reviewers");
    assertThat(task(gateway).getTenantId()).isEqualTo(ITHACA);
    assertNoFieldTask();
    // When the reviewer confirms the status
    reviewerCompletes(
        gateway, Map.of("c3Decision", "CONFIRMED", "c3ReviewNote", "IRS letter on file"));
    // Then the group gets no group activity at all, and no money may be spent
    assertThat(gateway).isEnded().hasPassed("EndEvent_C3Confirmed").hasNotPassed(FIREWALL_CALL);
    assertThat(variablesOf(gateway))
        .containsEntry("complianceOutcome", "C3_CONFIRMED")
        .containsEntry("organizationType", "C3")
        .containsEntry("spendingDecision", "NOT_APPROVED")
        .containsEntry("firewallAcknowledged", false)
        .containsEntry("firewallProgram", null);
    assertThat(
            historyService
                .createHistoricTaskInstanceQuery()
                .processInstanceId(gateway.getId())
                .unfinished()
                .count())
        .isZero();
    assertThat(
            historyService
                .createHistoricProcessInstanceQuery()
                .superProcessInstanceId(gateway.getId())
                .count())
        .isZero();
  }

  @Test
  void c3CorrectedToC4() {
    // Given a group mis-recorded as a 501(c)(3), planning spending and working with the campaign
    ProcessInstance gateway = startComplianceReview(endorsement("C3", true, "CAMPAIGN"));
    // When the reviewer corrects the type to 501(c)(4)
    reviewerCompletes(
        gateway, Map.of("c3Decision", "CORRECTED", "correctedOrganizationType", "C4"));
    // Then the route is decided again, and both reviews it now needs are open at once
    assertThat(
            historyService
                .createHistoricDecisionInstanceQuery()
                .processInstanceId(gateway.getId())
                .count())
        .isEqualTo(2);
    assertThat(gateway).isWaitingAt(SPENDING_REVIEW, FIREWALL_CALL);
    assertThat(runtimeService.getVariable(gateway.getId(), "organizationType")).isEqualTo("C4");
    assertNoFieldTask();
    // When both are done
    reviewerCompletes(gateway, Map.of("spendingDecision", "APPROVED"));
    groupLeadCompletes(
        calledFirewallAcknowledgement(gateway), Map.of("firewallAcknowledged", true));
    // Then the group is cleared as a 501(c)(4)
    assertThat(gateway).isEnded().hasPassed("EndEvent_Cleared");
    assertThat(variablesOf(gateway))
        .containsEntry("complianceOutcome", "CLEARED")
        .containsEntry("organizationType", "C4")
        .containsEntry("spendingDecision", "APPROVED")
        .containsEntry("firewallAcknowledged", true)
        .containsEntry("firewallProgram", "CAMPAIGN");
  }

  @Test
  void c3CorrectionMustNameAGroupType() {
    ProcessInstance gateway = startComplianceReview(endorsement("C3", false, null));
    assertRefused(
        () -> reviewerCompletes(gateway, Map.of("c3Decision", "CORRECTED")),
        "correctedOrganizationType");
    assertRefused(
        () ->
            reviewerCompletes(
                gateway, Map.of("c3Decision", "CORRECTED", "correctedOrganizationType", "C3")),
        "correctedOrganizationType");
    assertThat(gateway).isWaitingAt(C3_REVIEW);
  }

  @Test
  void spendingApproved() {
    // Given a group that plans spending; the program is left to planning
    ProcessInstance gateway = startComplianceReview(endorsement("UNINCORPORATED", true, null));
    // Then the campaign-finance review waits before anything that spends money
    assertThat(gateway).isWaitingAt(SPENDING_REVIEW);
    assertThat(task(gateway)).hasCandidateGroup("compliance-reviewers");
    assertNoFieldTask();
    // When the reviewer approves
    reviewerCompletes(gateway, Map.of("spendingDecision", "APPROVED"));
    // Then the group is cleared to spend, without conditions
    assertThat(gateway).isEnded();
    assertThat(variablesOf(gateway))
        .containsEntry("complianceOutcome", "CLEARED")
        .containsEntry("spendingDecision", "APPROVED")
        .containsEntry("spendingConditions", null)
        .containsEntry("firewallAcknowledged", false);
  }

  @Test
  void spendingApprovedWithConditions() {
    ProcessInstance gateway = startComplianceReview(endorsement("DFP", true, null));
    // A decision with conditions needs the conditions
    assertRefused(
        () -> reviewerCompletes(gateway, Map.of("spendingDecision", "APPROVED_WITH_CONDITIONS")),
        "spendingConditions");
    assertThat(gateway).isWaitingAt(SPENDING_REVIEW);
    // When the reviewer approves with conditions
    Map<String, Object> decision = new HashMap<>();
    decision.put("spendingDecision", "APPROVED_WITH_CONDITIONS");
    decision.put("spendingConditions", "  Swag only; no party venue paid by the group  ");
    reviewerCompletes(gateway, decision);
    // Then the conditions travel with the campaign
    assertThat(gateway).isEnded();
    assertThat(variablesOf(gateway))
        .containsEntry("complianceOutcome", "CLEARED")
        .containsEntry("spendingDecision", "APPROVED_WITH_CONDITIONS")
        .containsEntry("spendingConditions", "Swag only; no party venue paid by the group");
  }

  @Test
  void spendingNotApproved() {
    ProcessInstance gateway = startComplianceReview(endorsement("POLITICAL_ORG", true, null));
    // Conditions typed before the reviewer changed their mind do not travel on
    reviewerCompletes(
        gateway, Map.of("spendingDecision", "NOT_APPROVED", "spendingConditions", "left over"));
    assertThat(gateway).isEnded();
    assertThat(variablesOf(gateway))
        .containsEntry("complianceOutcome", "CLEARED")
        .containsEntry("spendingDecision", "NOT_APPROVED")
        .containsEntry("spendingConditions", null);
  }

  @Test
  void firewallCampaign() {
    // Given a group that works with the campaign
    ProcessInstance gateway = startComplianceReview(endorsement("C4", false, "CAMPAIGN"));
    // Then its lead is asked to acknowledge the firewall, in the group's tenant
    assertThat(gateway).isWaitingAt(FIREWALL_CALL);
    ProcessInstance acknowledgement = calledFirewallAcknowledgement(gateway);
    assertThat(acknowledgement).isWaitingAt("Task_AcknowledgeFirewall");
    assertThat(acknowledgement.getTenantId()).isEqualTo(ITHACA);
    assertThat(acknowledgement.getBusinessKey()).isEqualTo(gateway.getBusinessKey());
    assertThat(task(acknowledgement)).hasCandidateGroup("group-leads");
    assertNoFieldTask();
    // An unticked box is not an acknowledgement
    assertRefused(
        () -> groupLeadCompletes(acknowledgement, Map.of("firewallAcknowledged", false)),
        "firewallAcknowledged");
    // When the lead acknowledges
    groupLeadCompletes(acknowledgement, Map.of("firewallAcknowledged", true));
    // Then the gateway clears the group for the campaign program
    assertThat(gateway).isEnded();
    assertThat(variablesOf(gateway))
        .containsEntry("complianceOutcome", "CLEARED")
        .containsEntry("spendingDecision", "NOT_NEEDED")
        .containsEntry("firewallAcknowledged", true)
        .containsEntry("firewallProgram", "CAMPAIGN");
  }

  @Test
  void firewallIndivisible() {
    ProcessInstance gateway =
        startComplianceReview(endorsement("UNINCORPORATED", false, "INDIVISIBLE"));
    ProcessInstance acknowledgement = calledFirewallAcknowledgement(gateway);
    assertThat(acknowledgement).isWaitingAt("Task_AcknowledgeFirewall");
    groupLeadCompletes(acknowledgement, Map.of("firewallAcknowledged", true));
    assertThat(gateway).isEnded();
    assertThat(variablesOf(gateway))
        .containsEntry("complianceOutcome", "CLEARED")
        .containsEntry("firewallAcknowledged", true)
        .containsEntry("firewallProgram", "INDIVISIBLE");
  }

  @Test
  void spendingAndFirewallTogether() {
    // Several reviews at once: spending review and firewall acknowledgement in parallel
    ProcessInstance gateway = startComplianceReview(endorsement("C4", true, "INDIVISIBLE"));
    assertThat(gateway).isWaitingAt(SPENDING_REVIEW, FIREWALL_CALL);
    groupLeadCompletes(
        calledFirewallAcknowledgement(gateway), Map.of("firewallAcknowledged", true));
    // the acknowledgement alone does not clear the group: the spending review is still open
    assertThat(gateway).isWaitingAt(SPENDING_REVIEW).isNotEnded();
    reviewerCompletes(gateway, Map.of("spendingDecision", "APPROVED"));
    assertThat(gateway).isEnded();
    assertThat(variablesOf(gateway)).containsEntry("complianceOutcome", "CLEARED");
  }
}
