package org.pathtovictory.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo local groups, volunteers and national staff of the product contract (password {@code
 * demo}). Exists only in the {@code demo} profile; the {@code demo} administrator itself is created
 * by the Camunda starter from {@code application-demo.yaml}.
 */
@Component
@Profile("demo")
@Order(2)
class DemoIdentities implements ApplicationRunner {

  static final String PASSWORD = "demo";
  static final String EMAIL_DOMAIN = "demo.pathtovictory.test";
  static final Map<String, String> TENANTS =
      Map.of(
          "ny24-ithaca", "Indivisible Ithaca (NY-24)", "a2-indivisible", "Ann Arbor Indivisible");
  private static final Map<String, String> LOCAL_PREFIXES =
      Map.of("ny24-ithaca", "ithaca", "a2-indivisible", "a2");

  /**
   * The task variables Tasklist shows with each task of a list: candidate and race (copied onto
   * every task by board.CampaignOnEveryTask).
   */
  static final List<Map<String, String>> CAMPAIGN_VARIABLES =
      List.of(
          Map.of("name", "campaignCandidate", "label", "Candidate"),
          Map.of("name", "campaignRace", "label", "Race"));

  private static final List<String> LOCAL_SUFFIXES =
      List.of("lead", "canvass", "press", "recruit", "phones");

  private final IdentityService identityService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final RoleSetup roleSetup;

  DemoIdentities(
      IdentityService identityService,
      FilterService filterService,
      TaskService taskService,
      RoleSetup roleSetup) {
    this.identityService = identityService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.roleSetup = roleSetup;
  }

  @Override
  public void run(ApplicationArguments args) {
    TENANTS.forEach(this::ensureTenant);
    List<CampaignRole> localRoles = CampaignRole.localRoles();
    TENANTS.keySet().stream()
        .sorted()
        .forEach(
            tenant -> {
              for (int i = 0; i < LOCAL_SUFFIXES.size(); i++) {
                String userId = LOCAL_PREFIXES.get(tenant) + "-" + LOCAL_SUFFIXES.get(i);
                ensureUser(userId, localRoles.get(i).groupId());
                if (!isTenantMember(userId, tenant)) {
                  identityService.createTenantUserMembership(tenant, userId);
                }
              }
              // national roles work across every local group
              roleSetup.ensureNationalMembers(
                  identityService.createTenantQuery().tenantId(tenant).singleResult());
              if (!isTenantMember("demo", tenant)) {
                identityService.createTenantUserMembership(tenant, "demo");
              }
            });
    ensureUser("organizer", CampaignRole.INDIVISIBLE_ORGANIZER.groupId());
    ensureUser("national", CampaignRole.NATIONAL_ENDORSEMENTS.groupId());
    ensureUser("compliance", CampaignRole.COMPLIANCE_REVIEWER.groupId());
    ensureFilters();
  }

  private void ensureTenant(String id, String name) {
    if (identityService.createTenantQuery().tenantId(id).count() == 0) {
      Tenant tenant = identityService.newTenant(id);
      tenant.setName(name);
      identityService.saveTenant(tenant);
    }
  }

  private boolean isTenantMember(String userId, String tenantId) {
    return identityService.createTenantQuery().userMember(userId).tenantId(tenantId).count() > 0;
  }

  private void ensureUser(String userId, String groupId) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      User user = identityService.newUser(userId);
      String[] words = userId.split("-");
      user.setFirstName(capitalize(words[0]));
      user.setLastName(words.length > 1 ? capitalize(words[1]) : "Demo");
      user.setEmail(userId + "@" + EMAIL_DOMAIN);
      user.setPassword(PASSWORD);
      // the contract's demo password is shorter than the password policy asks (PasswordPolicyOn)
      ((org.camunda.bpm.engine.impl.IdentityServiceImpl) identityService).saveUser(user, true);
    }
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }

  /** Tasklist filters every demo volunteer sees; they show only what the user may see anyway. */
  private void ensureFilters() {
    Map<String, TaskQuery> filters = new LinkedHashMap<>();
    filters.put(
        "My group's open tasks",
        taskService
            .createTaskQuery()
            .taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks()
            .active());
    filters.put(
        "Assigned to me", taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    filters.put(
        "Due this week",
        taskService
            .createTaskQuery()
            .taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks()
            .dueBeforeExpression("${now().plusWeeks(1)}"));
    filters.put(
        "Overdue",
        taskService
            .createTaskQuery()
            .taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks()
            .dueBeforeExpression("${now()}"));
    int priority = 0;
    for (Map.Entry<String, TaskQuery> entry : filters.entrySet()) {
      priority += 10;
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("priority", priority);
      properties.put("refresh", true);
      properties.put("description", entry.getKey());
      // every task in every list says which campaign it is for (shown under the task's name)
      properties.put("variables", CAMPAIGN_VARIABLES);
      Filter existing =
          filterService
              .createFilterQuery()
              .filterName(entry.getKey())
              .filterOwner("demo")
              .list()
              .stream()
              .findFirst()
              .orElse(null);
      if (existing != null) {
        // filters made before the candidate and race were listed get them on the next start
        if (!existing.getProperties().containsKey("variables")) {
          Map<String, Object> updated = new LinkedHashMap<>(existing.getProperties());
          updated.put("variables", CAMPAIGN_VARIABLES);
          filterService.saveFilter(existing.setProperties(updated));
        }
        continue;
      }
      Filter filter =
          filterService
              .newTaskFilter(entry.getKey())
              .setOwner("demo")
              .setQuery(entry.getValue())
              .setProperties(properties);
      filterService.saveFilter(filter);
      for (CampaignRole role : CampaignRole.values()) {
        roleSetup.grant(role.groupId(), Resources.FILTER, filter.getId(), Permissions.READ);
      }
    }
  }

  private static String capitalize(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
