package org.pathtovictory.board;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One campaign as the board shows it (and {@code /api/board} returns it); {@code joint} holds each
 * group's part of a joint campaign, null for a campaign of one group.
 */
public record CampaignView(
    String id,
    String businessKey,
    String candidateName,
    String office,
    String race,
    String state,
    String leadGroup,
    String leadGroupName,
    List<String> partnerGroups,
    boolean partnerView,
    String track,
    Phase phase,
    String phaseWords,
    String nextElection,
    LocalDate nextElectionDate,
    Long daysToElection,
    LocalDate gotvStartDate,
    Long daysToGotv,
    LocalDate primaryDate,
    LocalDate generalElectionDate,
    LocalDate kickoffPartyDate,
    List<Step> nextSteps,
    int overdueSteps,
    Compliance compliance,
    VoterContact voterContact,
    int nationalPackageDone,
    int nationalPackageSteps,
    List<String> needsAttention,
    JointCampaign joint) {

  /** An open step: what, who holds it, when it is due. */
  public record Step(
      String taskId,
      String name,
      String heldBy,
      Instant due,
      LocalDate dueDay,
      boolean overdue,
      String elementId) {}

  /**
   * Compliance: CLEARED, CONDITIONS, IN_REVIEW, NOT_YET, INDIVIDUAL_ONLY, SPENDING_NOT_APPROVED.
   */
  public record Compliance(String status, String label, String conditions) {}

  /** The weekly reports and the group's goals. */
  public record VoterContact(List<Week> weeks, List<Goal> goals, LocalDate lastReport) {}

  /** One weekly report, with the running totals after it. */
  public record Week(
      int week,
      LocalDate reportedOn,
      long doors,
      long calls,
      long texts,
      long letters,
      long doorsSoFar,
      long callsSoFar,
      long textsSoFar,
      long lettersSoFar) {}

  /**
   * Progress toward one goal: done so far, what is left, and the weekly pace needed until election
   * day; {@code goal} is null when planning set none.
   */
  public record Goal(
      String measure,
      String label,
      Long goal,
      long done,
      Integer percent,
      long weeksLeft,
      Long weeklyPaceNeeded,
      Long lastWeek,
      Boolean onPace) {}

  public boolean hasAttention() {
    return !needsAttention.isEmpty();
  }
}
