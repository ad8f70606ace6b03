package org.pathtovictory.endorsement;

import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * Questions the models ask of the campaign calendar, e.g. {@code
 * ${campaignCalendar.gotvStarted(execution)}}.
 */
@ModelBean
@Component("campaignCalendar")
public class CampaignCalendarExpressions {

  /** Get-out-the-vote has started: persuasion reports stop. */
  public boolean gotvStarted(VariableScope scope) {
    Date gotvStart = (Date) scope.getVariable("gotvStart");
    return !ClockUtil.getCurrentTime().before(gotvStart);
  }
}
