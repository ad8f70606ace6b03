package org.pathtovictory.onboarding;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.pathtovictory.identity.LocalGroups;
import org.pathtovictory.modeling.ModelBean;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;
import org.springframework.stereotype.Component;

/** The model beans of {@code group-onboarding}: each step's work is in {@link JoinRequests}. */
final class OnboardingSteps {

  static final String APPROVE = "APPROVE";
  static final String CHANGES = "CHANGES";
  static final String DECLINE = "DECLINE";

  private OnboardingSteps() {}

  /**
   * The organizer's decision, checked as the step it leads to begins (in the same transaction as
   * the task's completion, so a refusal leaves the task open): a note where the requester must hear
   * why, and on approval a web name and address that are still free (another group may have taken
   * them since the request came in). Records who decided.
   */
  @Component
  static class Review {

    private final LocalGroups groups;
    private final IdentityService identityService;

    Review(LocalGroups groups, IdentityService identityService) {
      this.groups = groups;
      this.identityService = identityService;
    }

    void check(DelegateExecution execution) {
      Object decision = execution.getVariable("joinDecision");
      Object note = execution.getVariable("joinDecisionNote");
      List<Problem> problems = new ArrayList<>();
      if (!APPROVE.equals(decision)
          && (note == null || note.toString().isBlank() || note.toString().length() > 2000)) {
        problems.add(
            new Problem(
                "joinDecisionNote",
                "say what to change, or why the request is declined: the requester reads it"
                    + " (at most 2,000 characters)"));
      } else if (APPROVE.equals(decision)) {
        JoinRequest request = JoinRequest.from(execution.getVariables());
        if (!request.problems().isEmpty()) {
          problems.add(
              new Problem("groupSlug", "the request is incomplete or malformed: ask for changes"));
        } else if (groups.exists(request.groupSlug())) {
          problems.add(
              new Problem(
                  "groupSlug",
                  "“"
                      + request.groupSlug()
                      + "” was taken by another group since this request came in: ask for"
                      + " changes"));
        }
        if (groups.userWithEmail(request.leadEmail()).isPresent()) {
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
      execution.setVariable(
          "joinReviewedBy",
          current != null && current.getUserId() != null ? current.getUserId() : "an organizer");
    }
  }

  @ModelBean(sets = {"leadUserId", "joinReviewedBy"})
  @Component("setUpLocalGroup")
  static class SetUpLocalGroup implements JavaDelegate {
    private final JoinRequests requests;
    private final Review review;

    SetUpLocalGroup(JoinRequests requests, Review review) {
      this.requests = requests;
      this.review = review;
    }

    @Override
    public void execute(DelegateExecution execution) {
      review.check(execution);
      requests.setUp(execution);
    }
  }

  @ModelBean(sets = {"joinReviewedBy"})
  @Component("askForJoinChanges")
  static class AskForChanges implements JavaDelegate {
    private final JoinRequests requests;
    private final Review review;

    AskForChanges(JoinRequests requests, Review review) {
      this.requests = requests;
      this.review = review;
    }

    @Override
    public void execute(DelegateExecution execution) {
      review.check(execution);
      requests.askForChanges(execution);
    }
  }

  @ModelBean(sets = {"joinReviewedBy"})
  @Component("declineJoinRequest")
  static class Decline implements JavaDelegate {
    private final JoinRequests requests;
    private final Review review;

    Decline(JoinRequests requests, Review review) {
      this.requests = requests;
      this.review = review;
    }

    @Override
    public void execute(DelegateExecution execution) {
      review.check(execution);
      requests.decline(execution);
    }
  }
}
