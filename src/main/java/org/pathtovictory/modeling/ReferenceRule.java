package org.pathtovictory.modeling;

import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;

/**
 * References: a call activity calls a process and a business rule task takes a decision, each in
 * this deployment or deployed before. Records the calls and decisions a process uses.
 */
final class ReferenceRule implements Rule {

  @Override
  public void flowNode(BpmnFile file, FlowNode node, ProcessFacts facts) {
    String label = ModelText.label(node);
    if (node instanceof CallActivity call) {
      String called = call.getCalledElement();
      if (called == null || called.isBlank()) {
        file.problem(label, "calls no process: choose the process it starts");
      } else if (!ExpressionCheck.isExpression(called)) {
        facts.calls.add(new ProcessFacts.Call(called, call));
      }
    }
    if (node instanceof BusinessRuleTask rule) {
      String ref = rule.getCamundaDecisionRef();
      if (ref != null && !ExpressionCheck.isExpression(ref)) {
        facts.decisionsUsed.add(ref);
        facts.decisionRefs.put(label, ref);
      } else if (ref == null || ref.isBlank()) {
        if (rule.getCamundaClass() == null
            && rule.getCamundaDelegateExpression() == null
            && rule.getCamundaExpression() == null) {
          file.problem(label, "uses no decision: choose the decision it takes");
        }
      }
      if (rule.getCamundaResultVariable() != null) {
        facts.variables.add(rule.getCamundaResultVariable());
      }
    }
  }

  /** Called processes and decisions exist, in this deployment or deployed before. */
  @Override
  public void deployment(CheckRun run) {
    for (ProcessFacts facts : run.processes.values()) {
      for (ProcessFacts.Call call : facts.calls) {
        if (!run.processes.containsKey(call.key()) && !run.deployed().hasProcess(call.key())) {
          run.problem(
              facts.resource,
              call.label(),
              "calls the process “"
                  + call.key()
                  + "”, which is neither in this deployment nor deployed before");
        }
      }
      facts.decisionRefs.forEach(
          (label, key) -> {
            if (!run.decisionKeys.contains(key) && !run.deployed().hasDecision(key)) {
              run.problem(
                  facts.resource,
                  label,
                  "uses the decision “"
                      + key
                      + "”, which is neither in this deployment nor deployed before");
            }
          });
    }
  }
}
