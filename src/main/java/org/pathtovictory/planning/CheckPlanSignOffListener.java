package org.pathtovictory.planning;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pathtovictory.modeling.ModelBean;
import org.pathtovictory.web.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The organizer who asks for changes says which: the group lead sees it on the re-planning task.
 */
@ModelBean
@Component("checkPlanSignOff")
class CheckPlanSignOffListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable("planDecision");
    Object feedback = task.getVariable("planFeedback");
    if ("CHANGES_NEEDED".equals(decision)
        && (!(feedback instanceof String text) || text.isBlank())) {
      throw new InvalidInputException(
          "planFeedback", "say what should change, so the group lead can revise the plan");
    }
  }
}
