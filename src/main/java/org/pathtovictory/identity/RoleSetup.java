package org.pathtovictory.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.pathtovictory.engine.StartupLock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the role groups of the contract and grants each the least it needs, in every profile.
 * Idempotent: a restart adds only what is missing.
 */
@Component
@Order(1)
class RoleSetup implements ApplicationRunner {

  static final String PROCESS_EDITORS = "process-editors";
  static final String TASKLIST = "tasklist";
  static final String COCKPIT = "cockpit";
  static final String POST_ENDORSEMENT = "post-endorsement";

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final StartupLock startupLock;

  RoleSetup(
      IdentityService identityService,
      AuthorizationService authorizationService,
      StartupLock startupLock) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.startupLock = startupLock;
  }

  /** Under the start-up lock: nodes starting together on a fresh database do this one by one. */
  @Override
  public void run(ApplicationArguments args) {
    startupLock.run(this::setUp);
  }

  private void setUp() {
    // Every role: Tasklist, and the names of the processes (no instance data). A volunteer's tasks
    // come from candidate groups: the engine grants the task to the group, the tenant check keeps
    // it inside the volunteer's local group.
    for (CampaignRole role : CampaignRole.values()) {
      ensureGroup(role.groupId(), role.displayName(), role.isNational() ? "NATIONAL" : "LOCAL");
      grant(role.groupId(), Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
      grant(role.groupId(), Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
    }
    // group leads record endorsements and follow their own group's campaigns and decisions
    String leads = CampaignRole.GROUP_LEAD.groupId();
    grant(leads, Resources.PROCESS_DEFINITION, POST_ENDORSEMENT, Permissions.CREATE_INSTANCE);
    grant(leads, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    grant(
        leads,
        Resources.PROCESS_DEFINITION,
        POST_ENDORSEMENT,
        Permissions.READ_INSTANCE,
        Permissions.READ_HISTORY);
    grant(leads, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    // organizers work with every group on its plan: instances, tasks, history, in Cockpit too
    String organizers = CampaignRole.INDIVISIBLE_ORGANIZER.groupId();
    grant(
        organizers,
        Resources.PROCESS_DEFINITION,
        ANY,
        Permissions.READ_INSTANCE,
        Permissions.READ_TASK,
        Permissions.READ_HISTORY);
    grant(
        organizers, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(organizers, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
    // compliance reviewers audit: instances, history and decisions of every group, read-only
    String compliance = CampaignRole.COMPLIANCE_REVIEWER.groupId();
    grant(
        compliance,
        Resources.PROCESS_DEFINITION,
        ANY,
        Permissions.READ_INSTANCE,
        Permissions.READ_HISTORY);
    grant(
        compliance, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(compliance, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
    // the national endorsements team needs nothing beyond its own tasks

    // compliance: group leads ask spending questions (Tasklist or message SpendingQuestion); leads,
    // organizers and reviewers read the compliance audit trail (within their tenants)
    grant(leads, Resources.PROCESS_DEFINITION, "spending-question", Permissions.CREATE_INSTANCE);
    for (CampaignRole role :
        List.of(
            CampaignRole.GROUP_LEAD,
            CampaignRole.INDIVISIBLE_ORGANIZER,
            CampaignRole.COMPLIANCE_REVIEWER)) {
      for (String process :
          List.of(
              POST_ENDORSEMENT,
              "compliance-review",
              "firewall-acknowledgement",
              "spending-question")) {
        grant(role.groupId(), Resources.PROCESS_DEFINITION, process, Permissions.READ_HISTORY);
      }
      grant(
          role.groupId(),
          Resources.DECISION_DEFINITION,
          "complianceRoute",
          Permissions.READ_HISTORY);
    }

    // process editors deploy changed models (Camunda Modeler, Cockpit); the deployment check
    // (modeling.DeploymentCheck) refuses any broken or unsafe model. Indivisible Organizers are the
    // process editors; process-editors is for others an administrator names.
    ensureGroup(PROCESS_EDITORS, "Process editors", "SYSTEM");
    for (String editors : List.of(PROCESS_EDITORS, organizers)) {
      grant(editors, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ);
      grant(editors, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
      grant(editors, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
      grant(editors, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
    }

    identityService.createTenantQuery().list().forEach(this::ensureNationalMembers);
  }

  /**
   * National roles work across local groups: they are members of every tenant (the tenant check
   * would hide the group's data from them otherwise); what they may do there stays with the grants
   * above. Called for every tenant at start-up and whenever a local group is set up.
   */
  void ensureNationalMembers(Tenant tenant) {
    for (CampaignRole role : CampaignRole.nationalRoles()) {
      if (identityService
              .createTenantQuery()
              .groupMember(role.groupId())
              .tenantId(tenant.getId())
              .count()
          == 0) {
        identityService.createTenantGroupMembership(tenant.getId(), role.groupId());
      }
    }
  }

  private void ensureGroup(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
    }
  }

  void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization =
        authorizationService
            .createAuthorizationQuery()
            .groupIdIn(groupId)
            .resourceType(resource)
            .resourceId(resourceId)
            .authorizationType(AUTH_TYPE_GRANT)
            .singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    final Authorization target = authorization;
    if (Arrays.stream(permissions).allMatch(target::isPermissionGranted)) {
      return;
    }
    Arrays.stream(permissions).forEach(target::addPermission);
    authorizationService.saveAuthorization(target);
  }
}
