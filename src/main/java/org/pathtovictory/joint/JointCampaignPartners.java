package org.pathtovictory.joint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pathtovictory.identity.CampaignRole;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lead group's leads (or an Indivisible Organizer) add a partner group to a running campaign,
 * or let one go: {@code POST /api/joint-campaigns/{campaignId}/partners} with {@code {"group":
 * "slug"}} starts one more inner instance of {@code CallActivity_PartnerGroups} (Camunda's process
 * instance modification) and {@code DELETE .../partners/{group}} cancels that group's one. The
 * campaign id is the lead's process instance id. Everyone else gets the same answer as for a
 * campaign that does not exist.
 */
@RestController
class JointCampaignPartners {

  static final String LEAD_PROCESS = "post-endorsement";
  static final String PARTNER_STEP = "CallActivity_PartnerGroups";
  static final String ELEMENT_VARIABLE = "partnerGroup";
  static final String SLUG = "^[a-z0-9][a-z0-9-]{1,62}$";
  static final Set<String> ORGANIZERS =
      Set.of(CampaignRole.INDIVISIBLE_ORGANIZER.groupId(), "camunda-admin");

  /** The body of a request to add a partner group. */
  record PartnerRequest(String group) {}

  /** The campaign's partner groups after the change. */
  record Partners(String campaign, String leadGroup, List<String> partnerGroups) {}

  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final TransactionTemplate transaction;

  JointCampaignPartners(
      IdentityService identityService,
      RuntimeService runtimeService,
      HistoryService historyService,
      TransactionTemplate transaction) {
    this.identityService = identityService;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.transaction = transaction;
  }

  @PostMapping("/api/joint-campaigns/{campaignId}/partners")
  @ResponseStatus(HttpStatus.CREATED)
  Partners add(
      @PathVariable String campaignId, @RequestBody(required = false) PartnerRequest body) {
    return asApplication(
        caller -> {
          ProcessInstance lead = runningCampaign(campaignId, caller);
          String group = body == null || body.group() == null ? "" : body.group().trim();
          if (group.isEmpty() || !group.matches(SLUG)) {
            throw new InvalidInputException(
                "group", "name the local group to add by its short name, e.g. a2-indivisible");
          }
          if (identityService.createTenantQuery().tenantId(group).count() == 0) {
            throw new InvalidInputException(
                "group", "no local group '" + group + "' is set up here; check the short name");
          }
          if (group.equals(lead.getTenantId())) {
            throw new InvalidInputException(
                "group", group + " leads this campaign, so it cannot also be a partner group");
          }
          List<String> partners = partnersOf(lead);
          if (partners.contains(group)) {
            throw Refused.conflict(group + " is already a partner group of this campaign.");
          }
          partners.add(group);
          List<String> stillPlanning = stillPlanning(lead);
          stillPlanning.add(group);
          transaction.executeWithoutResult(
              status -> {
                runtimeService.setVariables(lead.getId(), groupsOf(partners, stillPlanning));
                runtimeService
                    .createProcessInstanceModification(lead.getId())
                    .startBeforeActivity(PARTNER_STEP)
                    .setVariableLocal(ELEMENT_VARIABLE, group)
                    .execute();
              });
          return new Partners(lead.getBusinessKey(), lead.getTenantId(), partners);
        });
  }

  /** The campaign's variables that name its partner groups and those still giving their plan. */
  private static Map<String, Object> groupsOf(List<String> partners, List<String> stillPlanning) {
    return Map.of(
        JointSteps.PARTNER_GROUPS,
        String.join(",", partners),
        "jointCampaign",
        !partners.isEmpty(),
        JointSteps.STILL_PLANNING,
        String.join(",", stillPlanning));
  }

  @DeleteMapping("/api/joint-campaigns/{campaignId}/partners/{group}")
  Partners remove(@PathVariable String campaignId, @PathVariable String group) {
    return asApplication(
        caller -> {
          ProcessInstance lead = runningCampaign(campaignId, caller);
          List<String> partners = partnersOf(lead);
          if (!partners.remove(group)) {
            throw Refused.notFound(group + " is not a partner group of this campaign.");
          }
          List<String> stillPlanning = stillPlanning(lead);
          stillPlanning.remove(group);
          transaction.executeWithoutResult(
              status -> {
                for (ActivityInstance part :
                    runtimeService
                        .getActivityInstance(lead.getId())
                        .getActivityInstances(PARTNER_STEP)) {
                  if (group.equals(
                      runtimeService.getVariableLocal(
                          part.getExecutionIds()[0], ELEMENT_VARIABLE))) {
                    runtimeService
                        .createProcessInstanceModification(lead.getId())
                        .cancelActivityInstance(part.getId())
                        .execute();
                  }
                }
                // the plan's sign-off stops waiting for the group that left
                runtimeService.setVariables(lead.getId(), groupsOf(partners, stillPlanning));
              });
          return new Partners(lead.getBusinessKey(), lead.getTenantId(), partners);
        });
  }

  /**
   * The running campaign, if the caller may change its partner groups: its group's leads and the
   * organizers. A campaign the caller cannot see is "not found", whether it exists or not.
   */
  private ProcessInstance runningCampaign(String campaignId, Authentication caller) {
    ProcessInstance lead =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceId(campaignId)
            .processDefinitionKey(LEAD_PROCESS)
            .singleResult();
    String tenant =
        lead != null
            ? lead.getTenantId()
            : historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(campaignId)
                .processDefinitionKey(LEAD_PROCESS)
                .list()
                .stream()
                .map(h -> h.getTenantId())
                .findFirst()
                .orElse(null);
    boolean organizer = caller.getGroupIds().stream().anyMatch(ORGANIZERS::contains);
    boolean member = caller.getTenantIds() != null && caller.getTenantIds().contains(tenant);
    if (tenant == null || !(organizer || member)) {
      throw Refused.notFound("No campaign you can see has the id " + campaignId + ".");
    }
    if (!organizer && !caller.getGroupIds().contains(CampaignRole.GROUP_LEAD.groupId())) {
      throw Refused.forbidden(
          "Only the lead group's leads or an Indivisible Organizer may change the partner groups"
              + " of a campaign.");
    }
    if (lead == null) {
      throw Refused.conflict(
          "This campaign has ended, so its partner groups can no longer change.");
    }
    return lead;
  }

  private List<String> partnersOf(ProcessInstance lead) {
    return new ArrayList<>(
        JointSteps.slugs(runtimeService.getVariable(lead.getId(), JointSteps.PARTNER_GROUPS)));
  }

  private List<String> stillPlanning(ProcessInstance lead) {
    return new ArrayList<>(
        JointSteps.slugs(runtimeService.getVariable(lead.getId(), JointSteps.STILL_PLANNING)));
  }

  /**
   * Runs as the application after noting the caller: the engine's tenant check would hide the
   * partner groups' tenants from the lead group, whose leads may still add and let go of partners.
   */
  private <T> T asApplication(Function<Authentication, T> work) {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null) {
      throw Refused.forbidden("Sign in to change the partner groups of a campaign.");
    }
    identityService.clearAuthentication();
    try {
      return work.apply(caller);
    } finally {
      identityService.setAuthentication(caller);
    }
  }
}
