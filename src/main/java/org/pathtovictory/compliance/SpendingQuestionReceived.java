package org.pathtovictory.compliance;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * Start of {@code spending-question} (from Tasklist or the message {@code SpendingQuestion}):
 * refuses a question without text or for a group the asker does not belong to, and links the
 * question to the group's endorsement (its business key) so that the answer shows in that
 * endorsement's compliance audit trail.
 */
@ModelBean(sets = {"spendingQuestionReviewer"})
@Component("spendingQuestionReceived")
class SpendingQuestionReceived implements ExecutionListener {

  static final String ADMIN_GROUP = "camunda-admin";
  static final String ENDORSEMENT_PROCESS = "post-endorsement";

  private final IdentityService identityService;
  private final RuntimeService runtimeService;

  SpendingQuestionReceived(IdentityService identityService, RuntimeService runtimeService) {
    this.identityService = identityService;
    this.runtimeService = runtimeService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Submission submission = new Submission(execution);
    String leadGroup =
        submission.requiredText(
            "leadGroup", "enter your local group's short name (slug), e.g. ny24-ithaca");
    submission.requiredText(
        "spendingQuestion", "say what your group wants to spend money on, and how much");
    Object amount = execution.getVariable("spendingAmount");
    if (amount != null && !(amount instanceof Number number && number.doubleValue() >= 0)) {
      submission.refuse("spendingAmount", "must be an amount in US dollars, e.g. 250");
    }
    if (leadGroup != null && !isMember(leadGroup)) {
      submission.refuse("leadGroup", "you can only ask for a local group you belong to");
    }
    submission.refuseIfAnyProblem();
    execution.setVariable(SpendingQuestionTakenUp.REVIEWER, null);
    if (execution.getProcessBusinessKey() == null) {
      linkToEndorsement(execution, leadGroup, submission.text("candidateName"));
    }
  }

  private boolean isMember(String leadGroup) {
    Authentication user = identityService.getCurrentAuthentication();
    return user == null
        || (user.getGroupIds() != null && user.getGroupIds().contains(ADMIN_GROUP))
        || (user.getTenantIds() != null && user.getTenantIds().contains(leadGroup));
  }

  /** The group's one running endorsement, or the one for the named candidate. */
  private void linkToEndorsement(
      DelegateExecution execution, String leadGroup, String candidateName) {
    List<ProcessInstance> endorsements =
        Context.getCommandContext()
            .runWithoutAuthorization(
                () -> {
                  var query =
                      runtimeService
                          .createProcessInstanceQuery()
                          .processDefinitionKey(ENDORSEMENT_PROCESS)
                          .tenantIdIn(leadGroup);
                  if (candidateName != null) {
                    query
                        .matchVariableValuesIgnoreCase()
                        .variableValueEquals("candidateName", candidateName);
                  }
                  return query.listPage(0, 2);
                });
    if (endorsements.size() == 1) {
      execution.setProcessBusinessKey(endorsements.get(0).getBusinessKey());
    }
  }
}
