package org.pathtovictory.votercontact;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.pathtovictory.endorsement.CampaignDueDates;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * On completing the weekly report: appends the week's numbers to the endorsement's {@code
 * voterContactReports} (a JSON list, one entry a week, readable from history after the campaign)
 * and keeps running totals in {@code voterContactTotals}.
 */
@ModelBean(sets = {"voterContactReports", "voterContactTotals"})
@Component("recordVoterContactReport")
class RecordVoterContactReportListener implements TaskListener {

  static final String REPORTS = "voterContactReports";
  static final String TOTALS = "voterContactTotals";

  /** Form field → name in the report. */
  static final Map<String, String> MEASURES = new LinkedHashMap<>();

  static {
    MEASURES.put("weekDoorsKnocked", "doorsKnocked");
    MEASURES.put("weekConversations", "conversations");
    MEASURES.put("weekCalls", "calls");
    MEASURES.put("weekTexts", "texts");
    MEASURES.put("weekLettersPublished", "lettersPublished");
    MEASURES.put("weekActiveVolunteers", "activeVolunteers");
  }

  private final IdentityService identityService;
  private final CampaignDueDates dueDates;

  RecordVoterContactReportListener(IdentityService identityService, CampaignDueDates dueDates) {
    this.identityService = identityService;
    this.dueDates = dueDates;
  }

  @Override
  public void notify(DelegateTask task) {
    SpinJsonNode reports = existing(task, REPORTS, "[]");
    SpinJsonNode totals = existing(task, TOTALS, "{}");
    SpinJsonNode entry = Spin.JSON("{}");
    entry.prop("week", reports.elements().size() + 1);
    entry.prop("reportedOn", dueDates.today().toString());
    var user = identityService.getCurrentAuthentication();
    entry.prop("reportedBy", user != null ? user.getUserId() : task.getAssignee());
    MEASURES.forEach(
        (field, name) -> {
          long value = ((Number) task.getVariable(field)).longValue();
          entry.prop(name, value);
          totals.prop(
              name,
              (totals.hasProp(name) ? totals.prop(name).numberValue().longValue() : 0) + value);
        });
    reports.append(entry);
    task.getExecution()
        .getProcessInstance()
        .setVariable(REPORTS, SpinValues.jsonValue(reports.toString()).create());
    task.getExecution()
        .getProcessInstance()
        .setVariable(TOTALS, SpinValues.jsonValue(totals.toString()).create());
  }

  private static SpinJsonNode existing(DelegateTask task, String name, String empty) {
    Object value = task.getExecution().getProcessInstance().getVariable(name);
    return Spin.JSON(value == null ? empty : value.toString());
  }
}
