package org.pathtovictory.planning;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/** On a planning task that names leads: shows who in the group can take each role. */
@ModelBean(sets = {"leadChoices"})
@Component("offerCampaignLeads")
class OfferCampaignLeadsListener implements TaskListener {

  private final CampaignLeads campaignLeads;

  OfferCampaignLeadsListener(CampaignLeads campaignLeads) {
    this.campaignLeads = campaignLeads;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariableLocal("leadChoices", campaignLeads.choices(task.getTenantId()));
  }
}
