package org.pathtovictory.endorsement;

import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * Due dates of user tasks, from the calendar of the endorsement ({@code camunda:dueDate="${dueDate.
 * inDays(execution, 7)}"}). Work before an election is never due after its election day; tasks are
 * due at 5 pm in the campaign's time zone.
 */
@ModelBean
@Component("dueDate")
public class CampaignDueDates {

  static final int DUE_HOUR = 17;

  private final PathToVictoryProperties properties;

  CampaignDueDates(PathToVictoryProperties properties) {
    this.properties = properties;
  }

  /**
   * {@code days} from today, but never after election day (a process started outside an
   * endorsement, without a calendar, has no election day to respect).
   */
  public Date inDays(VariableScope scope, int days) {
    LocalDate due = today().plusDays(days);
    Object election = scope.getVariable("nextElectionDate");
    if (election instanceof String day && LocalDate.parse(day).isBefore(due)) {
      return at(LocalDate.parse(day));
    }
    return at(due);
  }

  /** {@code days} before election day, but not before today. */
  public Date beforeElection(VariableScope scope, int days) {
    LocalDate due = electionDay(scope).minusDays(days);
    return at(due.isBefore(today()) ? today() : due);
  }

  /** {@code days} after election day: the result and the wrap-up. */
  public Date afterElection(VariableScope scope, int days) {
    return at(electionDay(scope).plusDays(days));
  }

  /** Today in the campaign's time zone, by the engine's clock. */
  public LocalDate today() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), properties.timeZone());
  }

  private static LocalDate electionDay(VariableScope scope) {
    return LocalDate.parse((String) scope.getVariable("nextElectionDate"));
  }

  private Date at(LocalDate day) {
    return Date.from(day.atTime(DUE_HOUR, 0).atZone(properties.timeZone()).toInstant());
  }
}
