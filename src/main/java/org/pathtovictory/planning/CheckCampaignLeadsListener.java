package org.pathtovictory.planning;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pathtovictory.modeling.ModelBean;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;
import org.springframework.stereotype.Component;

/**
 * On completing a planning task that names leads: each named lead must have that role in this local
 * group; an empty name means "offer the tasks to the whole role".
 */
@ModelBean(sets = {"canvassLead", "pressLiaison", "recruitmentCaptain", "phonebankLead"})
@Component("checkCampaignLeads")
class CheckCampaignLeadsListener implements TaskListener {

  private final CampaignLeads campaignLeads;

  CheckCampaignLeadsListener(CampaignLeads campaignLeads) {
    this.campaignLeads = campaignLeads;
  }

  @Override
  public void notify(DelegateTask task) {
    List<Problem> problems = new ArrayList<>();
    for (LeadRole lead : LeadRole.values()) {
      Object value = task.getVariable(lead.variable);
      if (value == null || (value instanceof String text && text.isBlank())) {
        task.setVariable(lead.variable, null);
        continue;
      }
      String userId = value.toString().trim();
      boolean hasRole =
          campaignLeads.candidates(lead, task.getTenantId()).stream()
              .anyMatch(user -> user.getId().equals(userId));
      if (!hasRole) {
        problems.add(
            new Problem(
                lead.variable,
                "'"
                    + userId
                    + "' is not one of your group's "
                    + lead.role.displayName().toLowerCase()
                    + "; leave it empty or pick a name from the list"));
      } else {
        task.setVariable(lead.variable, userId);
      }
    }
    task.removeVariableLocal("leadChoices");
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
