package org.pathtovictory.endorsement;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calendar of one endorsement, computed once from its dates: the next election (the primary
 * while it is ahead, else the general), the days left, and when get-out-the-vote starts.
 */
public record CampaignCalendar(
    LocalDate today,
    LocalDate endorsementDate,
    String nextElection,
    LocalDate nextElectionDate,
    long daysToElection,
    LocalDate gotvStartDate) {

  public static final String PRIMARY = "PRIMARY";
  public static final String GENERAL = "GENERAL";

  static CampaignCalendar of(
      LocalDate today,
      LocalDate endorsementDate,
      LocalDate primaryDate,
      LocalDate generalElectionDate,
      int gotvLeadDays) {
    boolean primaryAhead = primaryDate != null && !primaryDate.isBefore(today);
    LocalDate election = primaryAhead ? primaryDate : generalElectionDate;
    LocalDate gotvStart = election.minusDays(gotvLeadDays);
    if (gotvStart.isBefore(today)) {
      gotvStart = today;
    }
    return new CampaignCalendar(
        today,
        endorsementDate,
        primaryAhead ? PRIMARY : GENERAL,
        election,
        ChronoUnit.DAYS.between(today, election),
        gotvStart);
  }

  /** The process variables organizers see in their forms. */
  Map<String, Object> variables(ZoneId zone) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("endorsementDate", endorsementDate.toString());
    vars.put("nextElection", nextElection);
    vars.put("nextElectionDate", nextElectionDate.toString());
    vars.put("daysToElection", daysToElection);
    vars.put("gotvStartDate", gotvStartDate.toString());
    vars.put("gotvStart", Date.from(gotvStartDate.atStartOfDay(zone).toInstant()));
    vars.put(
        "electionResultDate",
        Date.from(nextElectionDate.plusDays(1).atStartOfDay(zone).plusHours(9).toInstant()));
    return vars;
  }
}
