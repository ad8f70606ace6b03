package org.pathtovictory.board;

import java.util.List;
import org.pathtovictory.board.CampaignView.Compliance;
import org.pathtovictory.board.CampaignView.Step;
import org.pathtovictory.board.CampaignView.VoterContact;

/**
 * A joint campaign's groups as the board shows them, one part per group (the lead group first).
 * Every viewer of the campaign sees each group's phase and numbers; the open steps (with who holds
 * them) and the compliance conditions only of the groups the viewer belongs to ({@code detail}),
 * and an organizer of all.
 */
public record JointCampaign(List<GroupPart> groups, int groupsTakingPart) {

  /**
   * One group's part. {@code phase} is a {@link Phase} name or {@code CONFIRMING}, {@code
   * NOT_TAKING_PART}, {@code LEFT}, {@code DONE}; {@code steps} is empty and {@code compliance}
   * without conditions unless {@code detail}.
   */
  public record GroupPart(
      String group,
      String groupName,
      boolean leadGroup,
      boolean yourGroup,
      boolean detail,
      String phase,
      String phaseWords,
      int openSteps,
      List<Step> steps,
      Compliance compliance,
      VoterContact voterContact) {

    public boolean takingPart() {
      return !JointCampaignParts.OUT.contains(phase);
    }
  }
}
