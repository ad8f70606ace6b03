package org.pathtovictory.notification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.pathtovictory.identity.CampaignRole;
import org.springframework.beans.factory.annotation.Autowired;
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
  private final OpenTaskFacts reads;
  // null in the bean; in a copy from remembering(), what that copy has read already
  private final Map<String, Collection<User>> members;
  private final Map<String, Optional<User>> users;
  private final Map<String, List<User>> groupMembers;
  private final Map<String, Map<String, Set<String>>> memberTenants;

  @Autowired
  Recipients(IdentityService identityService, OpenTaskFacts reads) {
    this(identityService, reads, false);
  }

  private Recipients(IdentityService identityService, OpenTaskFacts reads, boolean remember) {
    this.identityService = identityService;
    this.reads = reads;
    this.members = remember ? new HashMap<>() : null;
    this.users = remember ? new HashMap<>() : null;
    this.groupMembers = remember ? new HashMap<>() : null;
    this.memberTenants = remember ? new HashMap<>() : null;
  }

  /**
   * A copy for one scan over many tasks: each group's members and their local groups are read once
   * (two reads per group, whatever the number of tasks and local groups), and people in bulk
   * ({@link #readPeopleOf}). Not for keeping: it does not see later changes.
   */
  Recipients remembering() {
    return new Recipients(identityService, reads, true);
  }

  /**
   * In a copy from {@link #remembering()}: reads the assignees and candidate users in one query.
   */
  void readPeopleOf(Collection<TaskFacts> tasks) {
    Set<String> ids = new HashSet<>();
    for (TaskFacts task : tasks) {
      if (task.assignee() != null) {
        ids.add(task.assignee());
      }
      ids.addAll(task.candidateUsers());
    }
    ids.removeAll(users.keySet());
    if (ids.isEmpty()) {
      return;
    }
    ids.forEach(id -> users.put(id, Optional.empty()));
    identityService
        .createUserQuery()
        .userIdIn(ids.toArray(String[]::new))
        .list()
        .forEach(u -> users.put(u.getId(), Optional.of(u)));
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

  /**
   * Where a reply to a mail about this task should go, so it reaches a person: the group lead(s) of
   * the task's local group; for a national task (or one without local group) the endorsement's
   * Indivisible Organizer ({@code organizerEmail}), else the members of {@code
   * indivisible-organizers}. The recipient's own address is left out (an overdue notice to a lead
   * is answered to the organizers instead).
   */
  List<String> replyToFor(TaskFacts task, User recipient) {
    List<String> leads = new ArrayList<>();
    if (!isNationalTask(task) && task.tenantId() != null) {
      leads = addresses(membersOf(CampaignRole.GROUP_LEAD.groupId(), task.tenantId()), recipient);
    }
    if (!leads.isEmpty()) {
      return leads;
    }
    if (task.organizerEmail() != null
        && !task.organizerEmail().isBlank()
        && !task.organizerEmail().equalsIgnoreCase(recipient.getEmail())) {
      return List.of(task.organizerEmail());
    }
    return organizers(recipient);
  }

  /** A digest answers to the lead(s) of the recipient's own local group(s), else organizers. */
  List<String> replyToForDigest(User recipient) {
    List<String> leads = new ArrayList<>();
    for (String tenantId : tenantsOf(recipient.getId())) {
      for (String address :
          addresses(membersOf(CampaignRole.GROUP_LEAD.groupId(), tenantId), recipient)) {
        if (!leads.contains(address)) {
          leads.add(address);
        }
      }
    }
    return leads.isEmpty() ? organizers(recipient) : leads;
  }

  /**
   * Who hears that a user's address refuses mail: the group leads of the user's own local group(s),
   * who may see that address; the Indivisible Organizers for a user of no local group.
   */
  Map<String, List<User>> leadsOf(String userId) {
    Map<String, List<User>> byTenant = new LinkedHashMap<>();
    for (String tenantId : tenantsOf(userId)) {
      List<User> leads =
          membersOf(CampaignRole.GROUP_LEAD.groupId(), tenantId).stream()
              .filter(u -> !u.getId().equals(userId))
              .toList();
      if (!leads.isEmpty()) {
        byTenant.put(tenantId, leads);
      }
    }
    if (byTenant.isEmpty()) {
      byTenant.put(
          "",
          membersOf(CampaignRole.INDIVISIBLE_ORGANIZER.groupId(), null).stream()
              .filter(u -> !u.getId().equals(userId))
              .toList());
    }
    return byTenant;
  }

  private List<String> tenantsOf(String userId) {
    return identityService
        .createTenantQuery()
        .userMember(userId)
        .includingGroupsOfUser(true)
        .list()
        .stream()
        .map(t -> t.getId())
        .sorted()
        .toList();
  }

  private List<String> organizers(User recipient) {
    return addresses(membersOf(CampaignRole.INDIVISIBLE_ORGANIZER.groupId(), null), recipient);
  }

  private static List<String> addresses(Collection<User> users, User recipient) {
    return users.stream()
        .map(User::getEmail)
        .filter(e -> e != null && !e.isBlank())
        .filter(e -> recipient.getEmail() == null || !e.equalsIgnoreCase(recipient.getEmail()))
        .distinct()
        .toList();
  }

  private Collection<User> membersOf(String groupId, String tenantId) {
    if (members == null) {
      return readMembersOf(groupId, tenantId);
    }
    List<User> inGroup =
        groupMembers.computeIfAbsent(
            groupId, g -> identityService.createUserQuery().memberOfGroup(g).list());
    if (tenantId == null || NATIONAL_GROUPS.contains(groupId)) {
      return inGroup;
    }
    Map<String, Set<String>> tenants =
        memberTenants.computeIfAbsent(groupId, reads::tenantsOfMembers);
    return members.computeIfAbsent(
        groupId + "\n" + tenantId,
        key ->
            inGroup.stream()
                .filter(u -> tenants.getOrDefault(u.getId(), Set.of()).contains(tenantId))
                .toList());
  }

  private Collection<User> readMembersOf(String groupId, String tenantId) {
    List<User> inGroup = identityService.createUserQuery().memberOfGroup(groupId).list();
    if (tenantId == null || NATIONAL_GROUPS.contains(groupId)) {
      return inGroup;
    }
    // of the tenant: its direct members, and the members of the groups that belong to it
    Set<String> ofTenant =
        identityService
            .createUserQuery()
            .memberOfGroup(groupId)
            .memberOfTenant(tenantId)
            .list()
            .stream()
            .map(User::getId)
            .collect(Collectors.toCollection(HashSet::new));
    for (Group group : identityService.createGroupQuery().memberOfTenant(tenantId).list()) {
      identityService.createUserQuery().memberOfGroup(group.getId()).list().stream()
          .map(User::getId)
          .forEach(ofTenant::add);
    }
    return inGroup.stream().filter(u -> ofTenant.contains(u.getId())).toList();
  }

  private Optional<User> user(String userId) {
    if (users == null) {
      return readUser(userId);
    }
    return users.computeIfAbsent(userId, this::readUser);
  }

  private Optional<User> readUser(String userId) {
    return Optional.ofNullable(identityService.createUserQuery().userId(userId).singleResult());
  }
}
