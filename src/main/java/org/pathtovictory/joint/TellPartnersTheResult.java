package org.pathtovictory.joint;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pathtovictory.modeling.ModelBean;
import org.springframework.stereotype.Component;

/**
 * {@code ServiceTask_TellPartnersTheResult} of {@code post-endorsement}: the lead group recorded
 * the election result; every partner instance of this campaign gets it (message {@code
 * JointCampaignResult} with {@code electionResult}), its open steps close and it moves on.
 */
@ModelBean
@Component("tellPartnersTheResult")
class TellPartnersTheResult implements JavaDelegate {

  static final String MESSAGE = "JointCampaignResult";
  static final String PARTNER_PROCESS = "joint-campaign-partner";

  private final RuntimeService runtimeService;

  TellPartnersTheResult(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object result = execution.getVariable("electionResult");
    // the lead group's lead records the result; the partner instances live in the partners'
    // tenants, which the engine's tenant check would hide from them
    CommandContext command = Context.getCommandContext();
    command.disableTenantCheck();
    try {
      command.runWithoutAuthorization(
          () -> {
            for (ProcessInstance partner :
                runtimeService
                    .createProcessInstanceQuery()
                    .superProcessInstanceId(execution.getProcessInstanceId())
                    .processDefinitionKey(PARTNER_PROCESS)
                    .list()) {
              runtimeService
                  .createMessageCorrelation(MESSAGE)
                  .processInstanceId(partner.getId())
                  .setVariable("electionResult", result)
                  .correlateAll();
            }
            return null;
          });
    } finally {
      command.enableTenantCheck();
    }
  }
}
