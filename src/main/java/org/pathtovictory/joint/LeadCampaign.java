package org.pathtovictory.joint;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * What a partner instance tells its lead instance: its part of the plan is given, or it is out. Two
 * partners answering at once write the same lead variable; the engine's optimistic locking then
 * fails one of them, and as the partner's step is asynchronous, its job simply runs again.
 */
@Component
class LeadCampaign {

  static final String LEAD_CAMPAIGN_ID = "leadCampaignId";
  static final String GROUP = "group";

  private final RuntimeService runtimeService;

  LeadCampaign(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /** The lead's plan no longer waits for {@code group}. */
  void stopWaitingFor(String leadCampaignId, String group) {
    if (leadCampaignId == null || !isRunning(leadCampaignId)) {
      return;
    }
    List<String> still =
        new ArrayList<>(
            JointSteps.slugs(
                runtimeService.getVariable(leadCampaignId, JointSteps.STILL_PLANNING)));
    if (still.remove(group)) {
      runtimeService.setVariable(
          leadCampaignId, JointSteps.STILL_PLANNING, String.join(",", still));
    }
  }

  boolean isRunning(String leadCampaignId) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(leadCampaignId).count()
        > 0;
  }
}
