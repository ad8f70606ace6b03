package org.pathtovictory.identity;

import java.util.Arrays;
import java.util.List;

/** The roles of the product contract; each is a Camunda group with this id. */
public enum CampaignRole {
  GROUP_LEAD("group-leads", "Local group leads", false),
  CANVASS_LEAD("canvass-leads", "Canvass leads", false),
  PRESS_LIAISON("press-liaisons", "Press liaisons", false),
  RECRUITMENT_CAPTAIN("recruitment-captains", "Recruitment captains", false),
  PHONEBANK_LEAD("phonebank-leads", "Phone and text leads", false),
  INDIVISIBLE_ORGANIZER("indivisible-organizers", "Indivisible Organizers", true),
  NATIONAL_ENDORSEMENTS("national-endorsements", "National endorsements team", true),
  COMPLIANCE_REVIEWER("compliance-reviewers", "Compliance reviewers", true);

  private final String groupId;
  private final String displayName;
  private final boolean national;

  CampaignRole(String groupId, String displayName, boolean national) {
    this.groupId = groupId;
    this.displayName = displayName;
    this.national = national;
  }

  public String groupId() {
    return groupId;
  }

  public String displayName() {
    return displayName;
  }

  /** National roles work across all local groups (tenants). */
  public boolean isNational() {
    return national;
  }

  public static List<CampaignRole> localRoles() {
    return Arrays.stream(values()).filter(role -> !role.national).toList();
  }

  public static List<CampaignRole> nationalRoles() {
    return Arrays.stream(values()).filter(CampaignRole::isNational).toList();
  }
}
