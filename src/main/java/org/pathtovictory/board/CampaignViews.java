package org.pathtovictory.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pathtovictory.board.CampaignFacts.OpenStep;
import org.pathtovictory.board.CampaignView.Compliance;
import org.pathtovictory.board.CampaignView.Goal;
import org.pathtovictory.board.CampaignView.Step;
import org.pathtovictory.board.CampaignView.VoterContact;
import org.pathtovictory.board.CampaignView.Week;

/**
 * The view side of the board: what the read model keeps of one campaign ({@link CampaignFacts}: its
 * variables, open steps, unfinished activities) becomes its {@link CampaignView} for one viewer at
 * one moment: phase, steps and who holds them, compliance, voter contact against its goals, and
 * what needs attention. No engine query here.
 */
final class CampaignViews {

  static final int NATIONAL_PACKAGE_STEPS = 5;
  static final long NO_REPORT_DAYS = 14;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Goal variables set by the planning forms, and the report measure each is counted in. */
  record Measure(String key, String label, String goalVariable, String reportField) {}

  static final List<Measure> MEASURES =
      List.of(
          new Measure("doors", "Doors knocked", "voterContactGoalDoors", "doorsKnocked"),
          new Measure("calls", "Calls made", "voterContactGoalCalls", "calls"),
          new Measure("texts", "Texts sent", "voterContactGoalTexts", "texts"),
          new Measure(
              "letters",
              "Letters to the editor published",
              "voterContactGoalLetters",
              "lettersPublished"));

  private final ZoneId zone;

  CampaignViews(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The campaign as one viewer sees it now: a partner group ({@code partnerView}) sees every step
   * without volunteers' names; the lead group's members see the steps of their own local groups.
   */
  CampaignView view(
      CampaignFacts campaign,
      boolean partnerView,
      Collection<String> viewerTenants,
      Map<String, String> groupNames,
      Instant now,
      LocalDate today) {
    Map<String, Object> vars = campaign.variables();
    String race = text(vars, "race");
    LocalDate nextElectionDate = date(vars, "nextElectionDate");
    LocalDate gotvStart = date(vars, "gotvStartDate");

    Phase phase = null;
    for (String activity : campaign.activityIds()) {
      Optional<Phase> found = Phase.ofActivity(activity);
      if (found.isPresent() && (phase == null || found.get().ordinal() > phase.ordinal())) {
        phase = found.get();
      }
    }
    Instant voterContactSince = campaign.voterContactSince();

    List<OpenStep> open =
        campaign.steps().stream()
            .filter(s -> partnerView || viewerTenants.contains(s.tenantId()))
            .toList();
    List<Step> steps =
        open.stream()
            .sorted(
                Comparator.comparing(
                    OpenStep::due, Comparator.nullsLast(Comparator.naturalOrder())))
            .map(step -> step(step, partnerView, now))
            .toList();
    int overdue = (int) steps.stream().filter(Step::overdue).count();
    int packageOpen =
        (int)
            open.stream()
                .filter(
                    s ->
                        Phase.ofActivity(s.elementId())
                            .filter(p -> p == Phase.NATIONAL_PACKAGE)
                            .isPresent())
                .count();

    VoterContact voterContact = voterContact(vars, nextElectionDate, today);
    Compliance compliance = compliance(vars, campaign.inReview());

    List<String> attention = new ArrayList<>();
    if (overdue > 0) {
      attention.add(overdue == 1 ? "1 step overdue" : overdue + " steps overdue");
    }
    if ("IN_REVIEW".equals(compliance.status())) {
      attention.add("compliance review waiting");
    }
    if (phase == Phase.VOTER_CONTACT) {
      LocalDate since =
          voterContact.lastReport() != null
              ? voterContact.lastReport()
              : voterContactSince == null ? today : LocalDate.ofInstant(voterContactSince, zone);
      if (ChronoUnit.DAYS.between(since, today) >= NO_REPORT_DAYS) {
        attention.add("no voter-contact report for two weeks");
      }
    }

    return new CampaignView(
        campaign.id(),
        campaign.businessKey(),
        text(vars, "candidateName"),
        text(vars, "office"),
        race,
        stateOf(race),
        campaign.tenantId(),
        groupNames.getOrDefault(campaign.tenantId(), campaign.tenantId()),
        split(vars.get("partnerGroups")),
        partnerView,
        text(vars, "planningTrack"),
        phase,
        phase == null ? "Starting" : phase.words(),
        text(vars, "nextElection"),
        nextElectionDate,
        nextElectionDate == null ? null : ChronoUnit.DAYS.between(today, nextElectionDate),
        gotvStart,
        gotvStart == null ? null : Math.max(0, ChronoUnit.DAYS.between(today, gotvStart)),
        date(vars, "primaryDate"),
        date(vars, "generalElectionDate"),
        date(vars, "partyDate"),
        steps,
        overdue,
        compliance,
        voterContact,
        NATIONAL_PACKAGE_STEPS - Math.min(packageOpen, NATIONAL_PACKAGE_STEPS),
        NATIONAL_PACKAGE_STEPS,
        List.copyOf(attention),
        null);
  }

  Step step(OpenStep step, boolean partnerView, Instant now) {
    String heldBy;
    if (step.assignee() != null && !partnerView) {
      heldBy = step.assigneeName() != null ? step.assigneeName() : step.assignee();
    } else {
      heldBy = step.role() == null ? "not assigned yet" : step.role();
      if (step.assignee() != null) {
        heldBy = heldBy + " (claimed)";
      }
    }
    Instant due = step.due();
    return new Step(
        step.taskId(),
        step.name(),
        heldBy,
        due,
        due == null ? null : LocalDate.ofInstant(due, zone),
        due != null && due.isBefore(now),
        step.elementId());
  }

  VoterContact voterContact(Map<String, Object> vars, LocalDate election, LocalDate today) {
    List<Week> weeks = new ArrayList<>();
    long doors = 0, calls = 0, texts = 0, letters = 0;
    LocalDate last = null;
    for (JsonNode report : reports(vars.get("voterContactReports"))) {
      long d = report.path("doorsKnocked").asLong();
      long c = report.path("calls").asLong();
      long t = report.path("texts").asLong();
      long l = report.path("lettersPublished").asLong();
      doors += d;
      calls += c;
      texts += t;
      letters += l;
      LocalDate on =
          report.hasNonNull("reportedOn")
              ? LocalDate.parse(report.get("reportedOn").asText())
              : null;
      last = on == null ? last : on;
      weeks.add(
          new Week(
              report.path("week").asInt(weeks.size() + 1),
              on,
              d,
              c,
              t,
              l,
              doors,
              calls,
              texts,
              letters));
    }
    long weeksLeft =
        election == null ? 0 : Math.max(1, (ChronoUnit.DAYS.between(today, election) + 6) / 7);
    Week latest = weeks.isEmpty() ? null : weeks.get(weeks.size() - 1);
    long[] done = {doors, calls, texts, letters};
    List<Goal> goals = new ArrayList<>();
    for (int i = 0; i < MEASURES.size(); i++) {
      Measure measure = MEASURES.get(i);
      Long goal = number(vars.get(measure.goalVariable()));
      Long lastWeek =
          latest == null
              ? null
              : new long[] {latest.doors(), latest.calls(), latest.texts(), latest.letters()}[i];
      Long pace = null;
      Integer percent = null;
      Boolean onPace = null;
      if (goal != null && goal > 0) {
        long left = Math.max(0, goal - done[i]);
        pace = (left + weeksLeft - 1) / weeksLeft;
        percent = (int) Math.min(100, done[i] * 100 / goal);
        // before the first report nobody is behind yet
        onPace = left == 0 ? Boolean.TRUE : lastWeek == null ? null : lastWeek >= pace;
      }
      goals.add(
          new Goal(
              measure.key(),
              measure.label(),
              goal,
              done[i],
              percent,
              weeksLeft,
              pace,
              lastWeek,
              onPace));
    }
    return new VoterContact(List.copyOf(weeks), List.copyOf(goals), last);
  }

  static List<JsonNode> reports(Object value) {
    if (value == null) {
      return List.of();
    }
    try {
      JsonNode node = JSON.readTree(value.toString());
      List<JsonNode> list = new ArrayList<>();
      node.forEach(list::add);
      return list;
    } catch (Exception unreadable) {
      return List.of();
    }
  }

  static Compliance compliance(Map<String, Object> vars, boolean inReview) {
    String outcome = text(vars, "complianceOutcome");
    String spending = text(vars, "spendingDecision");
    String conditions = text(vars, "spendingConditions");
    if (inReview) {
      return new Compliance("IN_REVIEW", "In review", null);
    }
    if ("C3_CONFIRMED".equals(outcome)) {
      return new Compliance(
          "INDIVIDUAL_ONLY", "501(c)(3): members volunteer as individuals only", null);
    }
    if ("CLEARED".equals(outcome)) {
      if ("APPROVED_WITH_CONDITIONS".equals(spending)) {
        return new Compliance("CONDITIONS", "Cleared, with spending conditions", conditions);
      }
      if ("NOT_APPROVED".equals(spending)) {
        return new Compliance(
            "SPENDING_NOT_APPROVED", "Cleared; the planned spending was not approved", null);
      }
      return new Compliance("CLEARED", "Cleared", null);
    }
    return new Compliance("NOT_YET", "Not reviewed yet", null);
  }

  static String stateOf(String race) {
    if (race == null || race.isBlank()) {
      return null;
    }
    String prefix = race.split("-", 2)[0].trim().toUpperCase();
    return prefix.length() == 2 ? prefix : race.toUpperCase();
  }

  static List<String> split(Object value) {
    if (!(value instanceof String list) || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  static String text(Map<String, Object> vars, String name) {
    Object value = vars.get(name);
    return value == null ? null : value.toString();
  }

  static LocalDate date(Map<String, Object> vars, String name) {
    Object value = vars.get(name);
    if (value instanceof java.util.Date date) {
      return LocalDate.ofInstant(date.toInstant(), ZoneId.of("UTC"));
    }
    if (value instanceof String text && !text.isBlank()) {
      try {
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      } catch (RuntimeException notADate) {
        return null;
      }
    }
    return null;
  }

  static Long number(Object value) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof String text && !text.isBlank()) {
      try {
        return (long) Double.parseDouble(text.trim());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return null;
  }
}
