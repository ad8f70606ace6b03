package org.pathtovictory.notification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.pathtovictory.identity.CampaignRole;
import org.springframework.stereotype.Component;

/**
 * Who hears of a task. Its assignee if it has one; else the members of its candidate groups who
 * belong to the task's local group (tenant), and its candidate users. Members of a national role
 * ({@link CampaignRole#isNational()}) hear of tasks of every local group. A task without tenant is
 * visible to the whole group in Tasklist, so the whole group hears of it.
 */
@Component
class Recipients {

  private static final Set<String> NATIONAL_GROUPS =
      Arrays.stream(CampaignRole.values())
          .filter(CampaignRole::isNational)
          .map(CampaignRole::groupId)
          .collect(Collectors.toSet());

  private final IdentityService identityService;

  Recipients(IdentityService identityService) {
    this.identityService = identityService;
  }

  static boolean isNationalTask(TaskFacts task) {
    return task.candidateGroups().stream().anyMatch(NATIONAL_GROUPS::contains);
  }

  /** The people a task is waiting for. */
  List<User> waitingFor(TaskFacts task) {
    Map<String, User> users = new LinkedHashMap<>();
    if (task.assignee() != null) {
      user(task.assignee()).ifPresent(u -> users.put(u.getId(), u));
      return new ArrayList<>(users.values());
    }
    for (String group : task.candidateGroups()) {
      membersOf(group, task.tenantId()).forEach(u -> users.putIfAbsent(u.getId(), u));
    }
    for (String userId : task.candidateUsers()) {
      user(userId).ifPresent(u -> users.putIfAbsent(u.getId(), u));
    }
    return new ArrayList<>(users.values());
  }

  /**
   * Who is told that a task is overdue: the group leads of its local group, and for a task of a
   * national role also the Indivisible Organizers.
   */
  List<User> escalationFor(TaskFacts task) {
    Map<String, User> users = new LinkedHashMap<>();
    if (task.tenantId() != null) {
      membersOf(CampaignRole.GROUP_LEAD.groupId(), task.tenantId())
          .forEach(u -> users.putIfAbsent(u.getId(), u));
    }
    if (isNationalTask(task) || task.tenantId() == null) {
      membersOf(CampaignRole.INDIVISIBLE_ORGANIZER.groupId(), null)
          .forEach(u -> users.putIfAbsent(u.getId(), u));
    }
    return new ArrayList<>(users.values());
  }

  private Collection<User> membersOf(String groupId, String tenantId) {
    List<User> members = identityService.createUserQuery().memberOfGroup(groupId).list();
    if (tenantId == null || NATIONAL_GROUPS.contains(groupId)) {
      return members;
    }
    // direct tenant members in one query; membership through a group of the tenant one by one
    Set<String> direct =
        identityService
            .createUserQuery()
            .memberOfGroup(groupId)
            .memberOfTenant(tenantId)
            .list()
            .stream()
            .map(User::getId)
            .collect(Collectors.toSet());
    return members.stream()
        .filter(u -> direct.contains(u.getId()) || memberThroughGroup(u.getId(), tenantId))
        .toList();
  }

  private boolean memberThroughGroup(String userId, String tenantId) {
    return identityService
            .createTenantQuery()
            .userMember(userId)
            .includingGroupsOfUser(true)
            .tenantId(tenantId)
            .count()
        > 0;
  }

  private java.util.Optional<User> user(String userId) {
    return java.util.Optional.ofNullable(
        identityService.createUserQuery().userId(userId).singleResult());
  }
}
