package org.pathtovictory.planning;

import java.util.Arrays;
import java.util.Optional;
import org.pathtovictory.identity.CampaignRole;

/** A lead named during planning: the variable holding the user, and the role they must have. */
enum LeadRole {
  CANVASS("canvassLead", CampaignRole.CANVASS_LEAD),
  PRESS("pressLiaison", CampaignRole.PRESS_LIAISON),
  RECRUITMENT("recruitmentCaptain", CampaignRole.RECRUITMENT_CAPTAIN),
  PHONES("phonebankLead", CampaignRole.PHONEBANK_LEAD);

  final String variable;
  final CampaignRole role;

  LeadRole(String variable, CampaignRole role) {
    this.variable = variable;
    this.role = role;
  }

  static Optional<LeadRole> ofVariable(String variable) {
    return Arrays.stream(values()).filter(lead -> lead.variable.equals(variable)).findFirst();
  }
}
