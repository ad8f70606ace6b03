package org.pathtovictory.compliance;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code Task_Review501c3Status}: the reviewer either confirms the 501(c)(3) status
 * or corrects the organization type to one that may act as a group.
 */
@ModelBean
@Component("c3ReviewSubmitted")
class C3ReviewSubmitted implements TaskListener {

  static final String CONFIRMED = "CONFIRMED";
  static final String CORRECTED = "CORRECTED";
  static final Set<String> GROUP_TYPES = Set.of("UNINCORPORATED", "C4", "DFP", "POLITICAL_ORG");

  @Override
  public void notify(DelegateTask task) {
    Submission submission = new Submission(task);
    String decision =
        submission.oneOf(
            "c3Decision",
            Set.of(CONFIRMED, CORRECTED),
            "choose CONFIRMED (the group is a 501(c)(3)) or CORRECTED (it was mis-recorded)");
    if (CORRECTED.equals(decision)) {
      submission.oneOf(
          "correctedOrganizationType",
          GROUP_TYPES,
          "choose the group's actual type: UNINCORPORATED, C4, DFP or POLITICAL_ORG");
    }
    submission.refuseIfAnyProblem();
  }
}
