package org.pathtovictory.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.pathtovictory.CampaignDriver.startEndorsement;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.pathtovictory.CampaignDriver;

/** The compliance gateway inside the whole campaign (post-endorsement). */
class ComplianceGatewayProcessTest extends ComplianceTestSupport {

  static final String GATEWAY = "CallActivity_ComplianceGateway";

  ProcessInstance gatewayOf(ProcessInstance endorsement) {
    return runtimeService
        .createProcessInstanceQuery()
        .superProcessInstanceId(endorsement.getId())
        .processDefinitionKey(COMPLIANCE_REVIEW)
        .singleResult();
  }

  /** No group activity task, field or lead, has ever existed for this endorsement. */
  void assertNoGroupActivityEver(ProcessInstance endorsement) {
    for (String role : FIELD_ROLES) {
      assertThat(
              historyService
                  .createHistoricTaskInstanceQuery()
                  .processInstanceId(endorsement.getId())
                  .taskHadCandidateGroup(role)
                  .count())
          .as("tasks ever offered to " + role)
          .isZero();
    }
  }

  @Test
  void noFieldTaskBeforeClearance() {
    // Given an endorsement that plans spending and works with the campaign
    ProcessInstance endorsement = startEndorsement(endorsement("C4", true, "CAMPAIGN"));
    // Then it waits at the gateway with both reviews open, and no group activity exists yet
    assertThat(endorsement).isWaitingAt(GATEWAY);
    ProcessInstance gateway = gatewayOf(endorsement);
    assertThat(gateway)
        .isWaitingAt("Task_ReviewPlannedSpending", "CallActivity_FirewallAcknowledgement");
    assertNoGroupActivityEver(endorsement);
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(endorsement.getId())
                .taskCandidateGroup("group-leads")
                .count())
        .isZero();
    // When the reviewer approves with conditions, still nothing starts before the firewall
    reviewerCompletes(
        gateway,
        Map.of("spendingDecision", "APPROVED_WITH_CONDITIONS", "spendingConditions", "Swag only"));
    assertThat(endorsement).isWaitingAt(GATEWAY);
    assertNoGroupActivityEver(endorsement);
    // When the lead acknowledges the firewall
    CampaignDriver.acknowledgeFirewall(gateway);
    // Then group activity starts, with the conditions travelling with the campaign
    assertThat(endorsement).hasPassed(GATEWAY).isWaitingAt("Task_HoldKickoffSession");
    assertThat(endorsement)
        .variables()
        .containsEntry("complianceOutcome", "CLEARED")
        .containsEntry("spendingDecision", "APPROVED_WITH_CONDITIONS")
        .containsEntry("spendingConditions", "Swag only")
        .containsEntry("firewallProgram", "CAMPAIGN");
  }

  @Test
  void confirmedC3GetsNoFieldTaskAtAll() {
    // Given an endorsement recorded by a 501(c)(3) group
    ProcessInstance endorsement = startEndorsement(endorsement("C3", true, "CAMPAIGN"));
    assertThat(endorsement).isWaitingAt(GATEWAY);
    // When the reviewer confirms the status
    CampaignDriver.confirmC3(endorsement);
    // Then the group lead gets the individual-volunteer guidance and nothing else
    assertThat(endorsement).isWaitingAt("Task_ShareIndividualVolunteerGuidance");
    complete(
        task("Task_ShareIndividualVolunteerGuidance", endorsement),
        withVariables("guidanceShared", true));
    assertThat(endorsement).hasPassed("EndEvent_GroupActivityNotStarted");
    assertThat(endorsement).variables().containsEntry("complianceOutcome", "C3_CONFIRMED");
    assertNoGroupActivityEver(endorsement);
    assertThat(
            historyService
                .createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(endorsement.getId())
                .processDefinitionKey(FIREWALL_ACKNOWLEDGEMENT)
                .count())
        .isZero();
  }

  @Test
  void c3CorrectedJoinsTheCampaign() {
    // Given an unincorporated group mis-recorded as a 501(c)(3)
    ProcessInstance endorsement = startEndorsement(endorsement("C3", false, "CAMPAIGN"));
    ProcessInstance gateway = gatewayOf(endorsement);
    // When the reviewer corrects the type and the lead acknowledges the firewall
    reviewerCompletes(
        gateway, Map.of("c3Decision", "CORRECTED", "correctedOrganizationType", "UNINCORPORATED"));
    assertNoGroupActivityEver(endorsement);
    CampaignDriver.acknowledgeFirewall(gateway);
    // Then the campaign starts with the corrected type
    assertThat(endorsement).isWaitingAt("Task_HoldKickoffSession");
    assertThat(endorsement).variables().containsEntry("organizationType", "UNINCORPORATED");
  }
}
