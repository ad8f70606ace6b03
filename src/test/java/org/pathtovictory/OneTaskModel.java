package org.pathtovictory;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A one-task process like any other the organizers deploy: it passes the deployment check (readable
 * ids, labels, a role, a form and a due date), for tests that need some process of their own.
 */
public final class OneTaskModel {

  private OneTaskModel() {}

  public static BpmnModelInstance named(String processId, String processName) {
    return Bpmn.createExecutableProcess(processId)
        .name(processName)
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Started")
        .name("Started")
        .userTask("Task_SendPressRelease")
        .name("Send the press release")
        .camundaCandidateGroups("press-liaisons")
        .camundaFormRef("send-group-press-release")
        .camundaFormRefBinding("latest")
        .camundaDueDate("2099-01-01T17:00:00")
        .endEvent("EndEvent_Done")
        .name("Done")
        .done();
  }
}
