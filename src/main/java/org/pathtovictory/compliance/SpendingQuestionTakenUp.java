package org.pathtovictory.compliance;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * Assignment of {@code Task_AnswerSpendingQuestion}: remembers who took the question up, so that
 * the 2-day timer escalates only a question nobody has claimed.
 */
@ModelBean(sets = {"spendingQuestionReviewer"})
@Component("spendingQuestionTakenUp")
class SpendingQuestionTakenUp implements TaskListener {

  static final String REVIEWER = "spendingQuestionReviewer";

  @Override
  public void notify(DelegateTask task) {
    task.getExecution().setVariable(REVIEWER, task.getAssignee());
  }
}
