package org.pathtovictory.board;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Where a campaign stands, in the words of the planning guide, from the elements its tokens are in.
 * A campaign in several places at once (the national package runs beside everything) is in the
 * latest phase it reached: the order below.
 */
public enum Phase {
  NATIONAL_PACKAGE(
      "National endorsement package",
      Set.of(
          "Task_SendCampaignCheck",
          "Task_PublishCandidateBio",
          "Task_CreateCustomGraphics",
          "Task_OrderSwag",
          "Task_AnnounceInRoundPressRelease")),
  COMPLIANCE("Compliance review before group activity", Set.of("CallActivity_ComplianceGateway")),
  INDIVIDUAL_VOLUNTEERING(
      "Members volunteer individually (501(c)(3))",
      Set.of("Task_ShareIndividualVolunteerGuidance")),
  PLANNING(
      "Make a plan with your group and other local groups",
      Set.of(
          "BusinessRuleTask_DecidePlanningTrack",
          "Task_HoldKickoffSession",
          "Task_PlanTacticsAndTimeline",
          "ConditionalEvent_PartnersPlanned",
          "Task_SignOffPlan",
          "Task_AssignCampaignLeads",
          "Task_RunCommitmentDrive",
          "Task_FollowUpCommitments",
          "Task_PlanCampaign",
          "Task_MakeQuickPlan")),
  MOMENTUM(
      "Time to build momentum",
      Set.of("Task_SendGroupPressRelease", "Task_ThrowKickoffParty", "Task_ShowOffSwag")),
  FIREWALL(
      "Acknowledge the firewall before talking to voters",
      Set.of("CallActivity_FirewallAcknowledgement")),
  VOTER_CONTACT("Start talking to voters", Set.of("SubProcess_VoterContact")),
  GET_OUT_THE_VOTE("Get out the vote", Set.of("SubProcess_GetOutTheVote")),
  ELECTION_RESULT(
      "Waiting for the election result",
      Set.of("TimerEvent_WaitForElectionDay", "Task_RecordElectionResult")),
  WRAP_UP(
      "Wrap-up: thank, debrief, report",
      Set.of("Task_ThankVolunteers", "Task_HoldDebrief", "Task_ReportToOrganizer"));

  private final String words;
  private final Set<String> activityIds;

  Phase(String words, Set<String> activityIds) {
    this.words = words;
    this.activityIds = activityIds;
  }

  /** The guide's words for this phase. */
  public String words() {
    return words;
  }

  static Optional<Phase> ofActivity(String activityId) {
    return Arrays.stream(values()).filter(p -> p.activityIds.contains(activityId)).findFirst();
  }

  static Optional<Phase> parse(String value) {
    return Arrays.stream(values()).filter(p -> p.name().equalsIgnoreCase(value)).findFirst();
  }
}
