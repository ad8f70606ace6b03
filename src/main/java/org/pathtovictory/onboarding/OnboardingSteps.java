package org.pathtovictory.onboarding;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.pathtovictory.identity.LocalGroups;
import org.pathtovictory.modeling.ModelBean;
import org.pathtovictory.system.InvalidInputException;
import org.pathtovictory.system.InvalidInputException.Problem;
import org.springframework.stereotype.Component;

/** The model beans of {@code group-onboarding}: each step's work is in {@link JoinRequests}. */
final class OnboardingSteps {

  static final String APPROVE = "APPROVE";
  static final String CHANGES = "CHANGES";
  static final String DECLINE = "DECLINE";

  private OnboardingSteps() {}

  /**
   * Completion of the organizer's review: a decision, a note where the requester must hear why, and
   * on approval a web name and address that are still free (another group may have taken them since
   * the request came in).
   */
  @ModelBean(sets = {"joinReviewedBy"})
  @Component("joinReviewSubmitted")
  static class ReviewSubmitted implements TaskListener {

    private final LocalGroups groups;
    private final IdentityService identityService;

    ReviewSubmitted(LocalGroups groups, IdentityService identityService) {
      this.groups = groups;
      this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
      Object decision = task.getVariable("joinDecision");
      Object note = task.getVariable("joinDecisionNote");
      List<Problem> problems = new ArrayList<>();
      if (!List.of(APPROVE, CHANGES, DECLINE).contains(decision)) {
        problems.add(new Problem("joinDecision", "choose: approve, ask for changes, or decline"));
      } else if (!APPROVE.equals(decision)
          && (note == null || note.toString().isBlank() || note.toString().length() > 2000)) {
        problems.add(
            new Problem(
                "joinDecisionNote",
                "say what to change, or why the request is declined: the requester reads it"
                    + " (at most 2,000 characters)"));
      } else if (APPROVE.equals(decision)) {
        String slug = String.valueOf(task.getVariable("groupSlug"));
        if (groups.exists(slug)) {
          problems.add(
              new Problem(
                  "groupSlug",
                  "“"
                      + slug
                      + "” was taken by another group since this request came in: ask for"
                      + " changes"));
        }
        String email = String.valueOf(task.getVariable("leadEmail"));
        if (groups.userWithEmail(email).isPresent()) {
          problems.add(
              new Problem(
                  "leadEmail",
                  "this address belongs to an account made since the request came in: ask for"
                      + " changes"));
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
      Authentication current = identityService.getCurrentAuthentication();
      String reviewer =
          current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
      task.setVariable("joinReviewedBy", reviewer == null ? "an organizer" : reviewer);
    }
  }

  @ModelBean(sets = {"leadUserId"})
  @Component("setUpLocalGroup")
  static class SetUpLocalGroup implements JavaDelegate {
    private final JoinRequests requests;

    SetUpLocalGroup(JoinRequests requests) {
      this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
      requests.setUp(execution);
    }
  }

  @ModelBean
  @Component("askForJoinChanges")
  static class AskForChanges implements JavaDelegate {
    private final JoinRequests requests;

    AskForChanges(JoinRequests requests) {
      this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
      requests.askForChanges(execution);
    }
  }

  @ModelBean
  @Component("declineJoinRequest")
  static class Decline implements JavaDelegate {
    private final JoinRequests requests;

    Decline(JoinRequests requests) {
      this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
      requests.decline(execution);
    }
  }
}
