package org.pathtovictory.board;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the board keeps of one running campaign (a row of its read model, {@link CampaignRows}, as
 * JSON): the variables it shows, the open steps, the phases it is in, as the engine held them after
 * the campaign's last change. Nothing here depends on the clock or on who looks: {@link
 * CampaignViews} turns it into what one viewer sees at one moment.
 */
record CampaignFacts(
    String id,
    String businessKey,
    String tenantId,
    Map<String, Object> variables,
    List<OpenStep> steps,
    List<String> activityIds,
    Instant voterContactSince,
    boolean inReview) {

  /**
   * An open task of the campaign (or of what it called or asked), with the role it waits for and
   * the name of whoever holds it, in the local group (tenant) it belongs to.
   */
  record OpenStep(
      String taskId,
      String name,
      String elementId,
      String tenantId,
      String assignee,
      String assigneeName,
      String role,
      Instant due) {}

  List<String> partnerGroups() {
    return CampaignViews.split(variables.get("partnerGroups"));
  }

  /** A joint campaign: the partner groups it names see it too. */
  boolean joint() {
    return "true".equals(String.valueOf(variables.get("jointCampaign")));
  }
}
