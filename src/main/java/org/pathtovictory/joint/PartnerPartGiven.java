package org.pathtovictory.joint;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * {@code ServiceTask_GivePartOfPlan} of {@code joint-campaign-partner}: the partner group's part of
 * the plan is done, so the lead's sign-off stops waiting for it; after a won primary the group goes
 * straight back to voter contact ({@code partPlanned}).
 */
@ModelBean(sets = {"partPlanned"})
@Component("partnerPartGiven")
class PartnerPartGiven implements JavaDelegate {

  private final LeadCampaign lead;

  PartnerPartGiven(LeadCampaign lead) {
    this.lead = lead;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("partPlanned", true);
    lead.stopWaitingFor(
        (String) execution.getVariable(LeadCampaign.LEAD_CAMPAIGN_ID),
        (String) execution.getVariable(LeadCampaign.GROUP));
  }
}
