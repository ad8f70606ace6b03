package org.pathtovictory.joint;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.identity.CampaignRole;
import org.pathtovictory.identity.LocalGroups;
import org.pathtovictory.modeling.ModelBean;
import org.pathtovictory.notification.AccountMails;
import org.pathtovictory.notification.AccountMails.AccountMail;
import org.springframework.stereotype.Component;

/**
 * {@code ServiceTask_TellLeadNotTakingPart} of {@code joint-campaign-partner}: the partner group
 * declined, did not answer in time, or is a 501(c)(3) whose members may only volunteer as
 * individuals. The lead's plan stops waiting for it, and the lead group's leads get a mail that
 * says so, through the outbox (it commits with this step, or not at all).
 */
@ModelBean
@Component("partnerNotTakingPart")
class PartnerNotTakingPart implements JavaDelegate {

  private final LeadCampaign lead;
  private final IdentityService identityService;
  private final AccountMails mails;
  private final PathToVictoryProperties properties;

  PartnerNotTakingPart(
      LeadCampaign lead,
      IdentityService identityService,
      AccountMails mails,
      PathToVictoryProperties properties) {
    this.lead = lead;
    this.identityService = identityService;
    this.mails = mails;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String group = (String) execution.getVariable(LeadCampaign.GROUP);
    String leadGroup = (String) execution.getVariable("leadGroup");
    lead.stopWaitingFor((String) execution.getVariable(LeadCampaign.LEAD_CAMPAIGN_ID), group);
    String why = reason(execution, group);
    List<User> leads =
        identityService
            .createUserQuery()
            .memberOfGroup(CampaignRole.GROUP_LEAD.groupId())
            .memberOfTenant(leadGroup)
            .list();
    for (User user : leads) {
      if (user.getEmail() == null || user.getEmail().isBlank()) {
        continue;
      }
      mails.send(
          "joint-out:" + execution.getProcessInstanceId() + ":" + user.getId(),
          leadGroup,
          user.getId(),
          user.getEmail(),
          new AccountMail(
              group + " does not take part in the campaign for " + candidate(execution),
              LocalGroups.displayName(user),
              List.of(
                  why,
                  "Your campaign goes on as planned: your plan no longer waits for "
                      + group
                      + ", and nothing changes for the other partner groups.",
                  "If you still want to work with "
                      + group
                      + ", you or your Indivisible Organizer can invite the group again."),
              "Open the campaign board",
              properties.publicBaseUrl().resolve("/board").toString(),
              "You get this mail because you lead "
                  + leadGroup
                  + ", which leads this joint campaign."));
    }
  }

  private static String reason(DelegateExecution execution, String group) {
    String campaign = "your joint campaign for " + candidate(execution);
    if ("C3_CONFIRMED".equals(execution.getVariable("complianceOutcome"))) {
      return "The local group "
          + group
          + " is a 501(c)(3) organization, so it cannot take part in "
          + campaign
          + " as a group. Its members may still volunteer as individuals.";
    }
    if ("NO".equals(execution.getVariable("takingPart"))) {
      return "The local group "
          + group
          + " answered that it does not take part in "
          + campaign
          + ".";
    }
    return "The local group "
        + group
        + " did not answer within 5 days whether it takes part in "
        + campaign
        + ", so it does not take part.";
  }

  private static String candidate(DelegateExecution execution) {
    Object name = execution.getVariable("candidateName");
    Object office = execution.getVariable("office");
    return (name == null ? "your candidate" : name) + (office == null ? "" : " (" + office + ")");
  }
}
