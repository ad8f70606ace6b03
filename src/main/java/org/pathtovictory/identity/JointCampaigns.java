package org.pathtovictory.identity;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partner groups of a joint campaign see what they are part of. The campaign runs in the lead
 * group's tenant, and Camunda's tenant check hides it from everyone else; making partners members
 * of the lead's tenant would show them all of the lead group's campaigns and volunteers. So a
 * partner reads a summary instead: the campaign (candidate, race, dates, groups) and its open steps
 * (name, due date, role), never variables or volunteers' names, and only for campaigns whose {@code
 * partnerGroups} names one of the caller's own local groups. {@code GET /api/joint-campaigns}, HTTP
 * Basic like {@code /engine-rest}.
 */
@RestController
class JointCampaigns {

  static final String JOINT_CAMPAIGN = "jointCampaign";
  static final String PARTNER_GROUPS = "partnerGroups";

  /** One step of the campaign that is open now, and the role it waits for. */
  record OpenStep(String name, Date due, List<String> roles) {}

  /** A joint campaign as its partner groups see it. */
  record JointCampaign(
      String businessKey,
      String candidateName,
      String office,
      String race,
      String leadGroup,
      List<String> partnerGroups,
      String generalElectionDate,
      List<OpenStep> openSteps) {}

  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final TaskService taskService;

  JointCampaigns(
      IdentityService identityService, RuntimeService runtimeService, TaskService taskService) {
    this.identityService = identityService;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
  }

  @GetMapping("/api/joint-campaigns")
  List<JointCampaign> partOf() {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null || caller.getTenantIds() == null || caller.getTenantIds().isEmpty()) {
      return List.of();
    }
    Set<String> ownGroups = Set.copyOf(caller.getTenantIds());
    // the engine's tenant check would hide the lead group's campaign: read it as the application,
    // and hand out only the summary of campaigns the caller's group is a partner in
    identityService.clearAuthentication();
    try {
      return runtimeService
          .createProcessInstanceQuery()
          .variableValueEquals(JOINT_CAMPAIGN, true)
          .active()
          .list()
          .stream()
          .filter(instance -> isPartner(instance, ownGroups))
          .map(this::summary)
          .toList();
    } finally {
      identityService.setAuthentication(caller);
    }
  }

  private boolean isPartner(ProcessInstance instance, Set<String> ownGroups) {
    return partners(instance).stream()
        .anyMatch(group -> ownGroups.contains(group) && !group.equals(instance.getTenantId()));
  }

  private List<String> partners(ProcessInstance instance) {
    Object partners = runtimeService.getVariable(instance.getId(), PARTNER_GROUPS);
    if (!(partners instanceof String list) || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private JointCampaign summary(ProcessInstance instance) {
    String id = instance.getId();
    List<OpenStep> steps =
        taskService.createTaskQuery().processInstanceId(id).orderByDueDate().asc().list().stream()
            .map(this::step)
            .toList();
    return new JointCampaign(
        instance.getBusinessKey(),
        text(id, "candidateName"),
        text(id, "office"),
        text(id, "race"),
        instance.getTenantId(),
        partners(instance),
        text(id, "generalElectionDate"),
        steps);
  }

  private OpenStep step(Task task) {
    List<String> roles =
        taskService.getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
            .map(IdentityLink::getGroupId)
            .filter(group -> group != null)
            .toList();
    return new OpenStep(task.getName(), task.getDueDate(), roles);
  }

  private String text(String instanceId, String name) {
    Object value = runtimeService.getVariable(instanceId, name);
    return value == null ? null : value.toString();
  }
}
