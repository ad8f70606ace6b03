package org.pathtovictory.modeling;

import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * The conventions every model keeps: a history time to live on processes and decisions, readable
 * ids and labels, nothing unreachable or dead-ended, a condition (or the default) on every flow out
 * of a decision.
 */
final class ConventionRule implements Rule {
  private static final Pattern READABLE_ID = Pattern.compile("[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]+");

  @Override
  public void process(BpmnFile file, Process process) {
    if (process.isExecutable() && process.getCamundaHistoryTimeToLiveString() == null) {
      file.problem(
          ModelText.label(process),
          "no history time to live: say how long finished campaigns are kept (History"
              + " cleanup › Time to live, e.g. 1825 days)");
    }
  }

  @Override
  public void flowNode(BpmnFile file, FlowNode node, ProcessFacts facts) {
    String id = node.getId();
    String label = ModelText.label(node);
    if (id == null || !READABLE_ID.matcher(id).matches()) {
      file.problem(
          label, "the id is not readable: name it Type_WhatItDoes, e.g. Task_DraftPressRelease");
    }
    if (node.getName() == null || node.getName().isBlank()) {
      file.problem(label, "has no label: give it a name that says what happens");
    }
    boolean startsFlow =
        node instanceof StartEvent
            || node instanceof BoundaryEvent
            || (node instanceof SubProcess sub && sub.triggeredByEvent());
    if (!startsFlow && node.getIncoming().isEmpty()) {
      file.problem(label, "nothing flows into it, so it can never be reached");
    }
    if (!(node instanceof EndEvent)
        && !(node instanceof SubProcess sub && sub.triggeredByEvent())
        && node.getOutgoing().isEmpty()) {
      file.problem(label, "nothing flows out of it: end the path with an end event");
    }
    if (node instanceof ExclusiveGateway gateway && gateway.getOutgoing().size() > 1) {
      for (SequenceFlow flow : gateway.getOutgoing()) {
        if (flow.getConditionExpression() == null && gateway.getDefault() != flow) {
          file.problem(
              ModelText.label(flow),
              "leaves the decision “"
                  + (gateway.getName() == null ? gateway.getId() : gateway.getName())
                  + "” without a condition: add one or make it the default flow");
        }
      }
    }
  }

  @Override
  public void decisions(CheckRun run, String resource, DmnModelInstance model) {
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      if (decision.getCamundaHistoryTimeToLiveString() == null) {
        run.problem(
            resource,
            ModelText.label(decision.getId(), decision.getName()),
            "no history time to live: say how long decisions are kept (e.g. 1825 days)");
      }
    }
  }
}
