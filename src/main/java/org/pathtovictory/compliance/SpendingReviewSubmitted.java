package org.pathtovictory.compliance;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code Task_ReviewPlannedSpending}: a decision, and conditions exactly when the
 * spending is approved with conditions (they travel with the campaign, so none may be left over
 * from another answer).
 */
@ModelBean(sets = {"spendingConditions"})
@Component("spendingReviewSubmitted")
class SpendingReviewSubmitted implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Submission submission = new Submission(task);
    String decision =
        submission.oneOf(
            "spendingDecision", SpendingDecision.REVIEWER_CHOICES, SpendingDecision.CHOOSE);
    if (SpendingDecision.APPROVED_WITH_CONDITIONS.name().equals(decision)) {
      submission.requiredText(
          "spendingConditions", "write the conditions the group must follow when it spends");
    }
    submission.refuseIfAnyProblem();
    if (!SpendingDecision.APPROVED_WITH_CONDITIONS.name().equals(decision)) {
      task.getExecution().setVariable("spendingConditions", null);
    } else {
      task.getExecution().setVariable("spendingConditions", submission.text("spendingConditions"));
    }
  }
}
