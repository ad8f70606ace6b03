package org.pathtovictory.identity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * A local group as the engine keeps it: a tenant, its members (engine users in the tenant) and each
 * member's local roles (the role groups of the contract). National roles are members of every
 * tenant the moment it exists, so they see a new group's work without a restart.
 *
 * <p>Callers run these steps inside one transaction (the engine joins the caller's Spring
 * transaction), so a failure leaves no tenant without its lead and no lead without a tenant.
 */
@Component
public class LocalGroups {

  /** A member as the group lead's page shows them. */
  public record Member(
      String userId, String name, String email, Set<CampaignRole> roles, boolean hasPassword) {

    /** Whether the member has the role with this group id. */
    public boolean has(String groupId) {
      return roles.stream().anyMatch(role -> role.groupId().equals(groupId));
    }
  }

  private final IdentityService identityService;
  private final RoleSetup roleSetup;

  LocalGroups(IdentityService identityService, RoleSetup roleSetup) {
    this.identityService = identityService;
    this.roleSetup = roleSetup;
  }

  public boolean exists(String slug) {
    return identityService.createTenantQuery().tenantId(slug).count() > 0;
  }

  public Optional<String> name(String slug) {
    Tenant tenant = identityService.createTenantQuery().tenantId(slug).singleResult();
    return tenant == null
        ? Optional.empty()
        : Optional.of(tenant.getName() == null ? slug : tenant.getName());
  }

  /** The engine user with this address (addresses are kept in lower case), if any. */
  public Optional<User> userWithEmail(String email) {
    return identityService
        .createUserQuery()
        .userEmail(email.trim().toLowerCase(Locale.ROOT))
        .list()
        .stream()
        .findFirst();
  }

  /** Creates the tenant and gives the national roles their membership in it. */
  public void create(String slug, String name) {
    Tenant tenant = identityService.newTenant(slug);
    tenant.setName(name);
    identityService.saveTenant(tenant);
    roleSetup.ensureNationalMembers(tenant);
  }

  /**
   * A new engine user in this group with these roles and no password yet (they set it through their
   * invitation, or sign in with the organization's accounts). Returns the user id, made from the
   * address and unique.
   */
  public String addMember(String slug, String fullName, String email, Set<CampaignRole> roles) {
    String address = email.trim().toLowerCase(Locale.ROOT);
    String userId = freeUserId(address);
    User user = identityService.newUser(userId);
    String[] names = fullName.trim().split("\\s+", 2);
    user.setFirstName(names[0]);
    user.setLastName(names.length > 1 ? names[1] : "");
    user.setEmail(address);
    identityService.saveUser(user);
    identityService.createTenantUserMembership(slug, userId);
    setRoles(userId, roles);
    return userId;
  }

  /** Gives exactly these local roles (national roles are never given or taken here). */
  public void setRoles(String userId, Set<CampaignRole> roles) {
    Set<CampaignRole> now = roles(userId);
    for (CampaignRole role : CampaignRole.localRoles()) {
      if (roles.contains(role) && !now.contains(role)) {
        identityService.createMembership(userId, role.groupId());
      } else if (!roles.contains(role) && now.contains(role)) {
        identityService.deleteMembership(userId, role.groupId());
      }
    }
  }

  /**
   * Takes the user out of this group; a user who belongs to no other group is deleted with their
   * memberships.
   */
  public void removeMember(String slug, String userId) {
    identityService.deleteTenantUserMembership(slug, userId);
    if (identityService.createTenantQuery().userMember(userId).count() == 0) {
      identityService.deleteUser(userId);
    }
  }

  public boolean isMember(String slug, String userId) {
    return identityService.createTenantQuery().userMember(userId).tenantId(slug).count() > 0;
  }

  /** The local groups this user belongs to directly. */
  public List<String> groupsOf(String userId) {
    return identityService.createTenantQuery().userMember(userId).list().stream()
        .map(Tenant::getId)
        .sorted()
        .toList();
  }

  /** Whether this user leads this group: a group lead and a member of its tenant. */
  public boolean leads(String userId, String slug) {
    return isMember(slug, userId) && roles(userId).contains(CampaignRole.GROUP_LEAD);
  }

  public Set<CampaignRole> roles(String userId) {
    Set<CampaignRole> roles = EnumSet.noneOf(CampaignRole.class);
    identityService
        .createGroupQuery()
        .groupMember(userId)
        .list()
        .forEach(
            group -> {
              for (CampaignRole role : CampaignRole.values()) {
                if (role.groupId().equals(group.getId())) {
                  roles.add(role);
                }
              }
            });
    return roles;
  }

  public List<Member> members(String slug) {
    List<Member> members = new ArrayList<>();
    for (User user :
        identityService.createUserQuery().memberOfTenant(slug).orderByUserId().asc().list()) {
      members.add(
          new Member(
              user.getId(),
              displayName(user),
              user.getEmail(),
              roles(user.getId()),
              user.getPassword() != null));
    }
    return members;
  }

  /** First and last name, or the user id when the user has neither. */
  public static String displayName(User user) {
    String name =
        ((user.getFirstName() == null ? "" : user.getFirstName())
                + " "
                + (user.getLastName() == null ? "" : user.getLastName()))
            .trim();
    return name.isEmpty() ? user.getId() : name;
  }

  /** "jane.doe@example.org" becomes {@code jane-doe}, or {@code jane-doe-2} when that is taken. */
  private String freeUserId(String address) {
    String local = address.substring(0, Math.max(0, address.indexOf('@')));
    String base = local.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    if (base.isEmpty()) {
      base = "volunteer";
    }
    base = base.length() > 50 ? base.substring(0, 50) : base;
    String candidate = base;
    for (int n = 2; identityService.createUserQuery().userId(candidate).count() > 0; n++) {
      candidate = base + "-" + n;
    }
    return candidate;
  }
}
