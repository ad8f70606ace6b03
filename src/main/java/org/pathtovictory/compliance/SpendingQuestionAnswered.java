package org.pathtovictory.compliance;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/** Completion of {@code Task_AnswerSpendingQuestion}: a decision and an answer for the asker. */
@ModelBean
@Component("spendingQuestionAnswered")
class SpendingQuestionAnswered implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Submission submission = new Submission(task);
    submission.oneOf(
        "spendingQuestionDecision", SpendingDecision.REVIEWER_CHOICES, SpendingDecision.CHOOSE);
    submission.requiredText(
        "spendingQuestionAnswer", "write your answer to the group (and any conditions)");
    submission.refuseIfAnyProblem();
  }
}
