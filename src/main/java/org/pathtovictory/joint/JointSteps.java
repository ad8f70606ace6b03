package org.pathtovictory.joint;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * Questions the models ask about a joint campaign, e.g. {@code
 * ${jointSteps.partnerGroups(execution)}} for the lead's one call per partner group.
 */
@ModelBean
@Component("jointSteps")
public class JointSteps {

  /** The lead's variable naming the partner groups (comma-separated slugs). */
  static final String PARTNER_GROUPS = "partnerGroups";

  /** The lead's variable naming the partner groups whose part of the plan is still to come. */
  static final String STILL_PLANNING = "partnersStillPlanning";

  /** The partner groups of the campaign, in the order the lead group named them. */
  public List<String> partnerGroups(VariableScope scope) {
    return slugs(scope.getVariable(PARTNER_GROUPS));
  }

  /** The lead campaign's process instance id, which its partner instances report to. */
  public String leadCampaignId(DelegateExecution execution) {
    return execution.getProcessInstanceId();
  }

  /**
   * Every partner group has given its part of the plan or is out; true for a campaign without
   * partners (and for one started before joint campaigns had parts).
   */
  public boolean allPartsGiven(VariableScope scope) {
    return slugs(scope.getVariable(STILL_PLANNING)).isEmpty();
  }

  static List<String> slugs(Object value) {
    if (!(value instanceof String list) || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
