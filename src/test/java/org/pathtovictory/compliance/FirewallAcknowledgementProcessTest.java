package org.pathtovictory.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** The firewall acknowledgement as the main process calls it again when the program changes. */
class FirewallAcknowledgementProcessTest extends ComplianceTestSupport {

  @Test
  void programChangeReasks() {
    // Given a group that acknowledged the firewall for the campaign program
    Map<String, Object> vars = endorsement("C4", false, "CAMPAIGN");
    ProcessInstance gateway = startComplianceReview(vars);
    groupLeadCompletes(
        calledFirewallAcknowledgement(gateway), Map.of("firewallAcknowledged", true));
    assertThat(variablesOf(gateway)).containsEntry("firewallProgram", "CAMPAIGN");
    // When the program changes to Indivisible's (main calls firewall-acknowledgement again)
    vars.put("voterContactProgram", "INDIVISIBLE");
    vars.put("firewallAcknowledged", true);
    vars.put("firewallProgram", "CAMPAIGN");
    ProcessInstance again =
        runtimeService.startProcessInstanceByKey(FIREWALL_ACKNOWLEDGEMENT, businessKey(vars), vars);
    // Then the lead is asked again, in the words of the new program
    assertThat(again).isWaitingAt("Task_AcknowledgeFirewall");
    assertThat(task(again)).hasCandidateGroup("group-leads");
    assertThat(again.getTenantId()).isEqualTo(ITHACA);
    groupLeadCompletes(again, Map.of("firewallAcknowledged", true));
    assertThat(again).isEnded();
    assertThat(variablesOf(again))
        .containsEntry("firewallAcknowledged", true)
        .containsEntry("firewallProgram", "INDIVISIBLE");
  }
}
