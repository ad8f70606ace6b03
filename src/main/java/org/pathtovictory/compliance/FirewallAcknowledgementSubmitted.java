package org.pathtovictory.compliance;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code Task_AcknowledgeFirewall}: the task is done only when the group lead has
 * acknowledged the firewall (a form checkbox alone can be submitted unticked).
 */
@ModelBean
@Component("firewallAcknowledgementSubmitted")
class FirewallAcknowledgementSubmitted implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Submission submission = new Submission(task);
    if (!Boolean.TRUE.equals(task.getVariable("firewallAcknowledged"))) {
      submission.refuse(
          "firewallAcknowledged",
          "tick the box to acknowledge the firewall; ask your Indivisible Organizer if unsure");
    }
    if (submission.text("voterContactProgram") == null) {
      submission.refuse(
          "voterContactProgram", "choose how the group talks to voters: CAMPAIGN or INDIVISIBLE");
    }
    submission.refuseIfAnyProblem();
  }
}
