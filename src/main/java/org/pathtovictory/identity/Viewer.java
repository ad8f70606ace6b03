package org.pathtovictory.identity;

import java.util.List;

/**
 * Who looks at the board: the engine user, their roles (groups) and local groups (tenants), read
 * fresh from the engine on every request, so a volunteer removed from a group stops seeing it.
 */
public record Viewer(
    String userId,
    String displayName,
    String email,
    List<String> groupIds,
    List<String> tenantIds) {

  /** National roles (and administrators) see every local group's campaigns they are members of. */
  public boolean national() {
    return groupIds.contains("camunda-admin")
        || CampaignRole.nationalRoles().stream().anyMatch(r -> groupIds.contains(r.groupId()));
  }
}
