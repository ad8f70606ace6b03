package org.pathtovictory.endorsement;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * The primary is won: the calendar now looks at the general election, so the planning track is
 * decided again from the general's date.
 */
@ModelBean(
    sets = {
      "primaryResult",
      "endorsementDate",
      "nextElection",
      "nextElectionDate",
      "daysToElection",
      "gotvStartDate",
      "gotvStart",
      "electionResultDate"
    })
@Component("moveToGeneralElection")
class MoveToGeneralElectionDelegate implements JavaDelegate {

  private final CampaignDueDates dueDates;
  private final PathToVictoryProperties properties;

  MoveToGeneralElectionDelegate(CampaignDueDates dueDates, PathToVictoryProperties properties) {
    this.dueDates = dueDates;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate today = dueDates.today();
    CampaignCalendar calendar =
        CampaignCalendar.of(
            today,
            LocalDate.parse((String) execution.getVariable("endorsementDate")),
            null,
            LocalDate.parse((String) execution.getVariable("generalElectionDate")),
            properties.gotvLeadDays());
    execution.setVariable("primaryResult", execution.getVariable("electionResult"));
    execution.removeVariable("electionResult");
    execution.setVariables(calendar.variables(properties.timeZone()));
  }
}
