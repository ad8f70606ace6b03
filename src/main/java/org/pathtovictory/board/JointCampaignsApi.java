package org.pathtovictory.board;

import java.time.LocalDate;
import java.util.List;
import org.pathtovictory.board.CampaignView.VoterContact;
import org.pathtovictory.board.JointCampaign.GroupPart;
import org.pathtovictory.identity.Viewer;
import org.pathtovictory.identity.Viewers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/joint-campaigns} (HTTP Basic, like {@code /api/board}): the joint campaigns the
 * caller's local groups take part in, as lead or partner, each with every group's part and the
 * numbers of all groups together. The board decides what the caller may see ({@link
 * JointCampaignParts}): another group's open steps, volunteers and free text never leave it.
 */
@RestController
class JointCampaignsApi {

  /** A joint campaign as the caller may see it. */
  record Summary(
      String businessKey,
      String candidateName,
      String office,
      String race,
      String leadGroup,
      List<String> partnerGroups,
      LocalDate generalElectionDate,
      String phaseWords,
      VoterContact together,
      List<GroupPart> groups) {}

  private final CampaignBoard board;
  private final Viewers viewers;

  JointCampaignsApi(CampaignBoard board, Viewers viewers) {
    this.board = board;
    this.viewers = viewers;
  }

  @GetMapping("/api/joint-campaigns")
  List<Summary> partOf() {
    Viewer viewer =
        viewers
            .fromEngine()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    return board.campaigns(viewer).stream()
        .filter(c -> c.joint() != null)
        .map(
            c ->
                new Summary(
                    c.businessKey(),
                    c.candidateName(),
                    c.office(),
                    c.race(),
                    c.leadGroup(),
                    c.partnerGroups(),
                    c.generalElectionDate(),
                    c.phaseWords(),
                    c.voterContact(),
                    c.joint().groups()))
        .toList();
  }
}
