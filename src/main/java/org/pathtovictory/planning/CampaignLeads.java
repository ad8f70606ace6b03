package org.pathtovictory.planning;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * Who leads what: {@code camunda:assignee="${campaignLeads.assignee(execution, 'canvassLead')}"}
 * gives a task to the lead named in planning, or to nobody (then the role's candidate group).
 */
@ModelBean
@Component("campaignLeads")
public class CampaignLeads {

  private final IdentityService identityService;

  CampaignLeads(IdentityService identityService) {
    this.identityService = identityService;
  }

  public String assignee(VariableScope scope, String leadVariable) {
    LeadRole.ofVariable(leadVariable)
        .orElseThrow(() -> new IllegalArgumentException("Not a campaign lead: " + leadVariable));
    Object lead = scope.getVariable(leadVariable);
    return lead instanceof String user && !user.isBlank() ? user : null;
  }

  /** The users of a group's tenant who have the lead's role. */
  List<User> candidates(LeadRole lead, String tenantId) {
    return Context.getCommandContext()
        .runWithoutAuthorization(
            () ->
                identityService
                    .createUserQuery()
                    .memberOfGroup(lead.role.groupId())
                    .memberOfTenant(tenantId)
                    .orderByUserId()
                    .asc()
                    .list());
  }

  /**
   * One line per role for the planning forms, e.g. "Canvass leads: ithaca-canvass (Ithaca
   * Canvass)".
   */
  String choices(String tenantId) {
    StringBuilder text = new StringBuilder();
    for (LeadRole lead : LeadRole.values()) {
      String users =
          candidates(lead, tenantId).stream()
              .map(
                  user ->
                      user.getId() + " (" + user.getFirstName() + " " + user.getLastName() + ")")
              .collect(Collectors.joining(", "));
      text.append(lead.role.displayName())
          .append(": ")
          .append(users.isEmpty() ? "nobody yet" : users)
          .append("\n\n");
    }
    return text.toString().trim();
  }
}
