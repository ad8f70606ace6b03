package org.pathtovictory.modeling;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Lets a call activity hand its campaign's business key to the process it calls ({@code <camunda:in
 * businessKey="${campaign.businessKey(execution)}"/>}): models may pass {@code execution} to a
 * model bean but not read it themselves.
 */
@ModelBean
@Component("campaign")
public class BusinessKeyExpressions {

  public String businessKey(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }
}
