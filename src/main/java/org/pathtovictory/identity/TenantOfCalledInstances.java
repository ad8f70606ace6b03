package org.pathtovictory.identity;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.behavior.CallActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.CallableElementUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Lets the tenant id provider decide the tenant of a partner group's part of a joint campaign
 * ({@code joint-campaign-partner}), as it does for every instance of a shared definition. Camunda
 * gives a called instance of a shared definition its caller's tenant and never asks the provider; a
 * partner group's part of a joint campaign must run in the partner group's own tenant instead.
 * Camunda 7 has no extension point for this, so the call activity's behaviour is replaced at parse
 * time by one that only forgets the inherited tenant before the instance starts (then the engine
 * asks the provider).
 */
final class TenantOfCalledInstances extends AbstractBpmnParseListener {

  static void register(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new TenantOfCalledInstances());
  }

  @Override
  public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
    // only the partner groups' parts: Camunda's migration accepts only its own call activity
    // behaviour, so every other call activity keeps it (and its caller's tenant)
    if (!LeadGroupTenantIdProvider.PARTNER_PROCESS.equals(element.attribute("calledElement"))) {
      return;
    }
    boolean mappedByDelegate =
        element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "variableMappingClass") != null
            || element.attributeNS(
                    BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "variableMappingDelegateExpression")
                != null;
    if (!mappedByDelegate
        && activity.getActivityBehavior() instanceof CallActivityBehavior original
        && original.getClass() == CallActivityBehavior.class) {
      ProviderChoosesTenant behavior = new ProviderChoosesTenant();
      behavior.setCallableElement(original.getCallableElement());
      activity.setActivityBehavior(behavior);
    }
  }

  /** Camunda's call activity, with the called instance's tenant left to the provider. */
  static final class ProviderChoosesTenant extends CallActivityBehavior {

    @Override
    protected void startInstance(
        ActivityExecution execution, VariableMap variables, String businessKey) {
      ExecutionEntity caller = (ExecutionEntity) execution;
      ProcessDefinitionImpl definition =
          CallableElementUtil.getProcessDefinitionToCall(
              caller, caller.getProcessDefinitionTenantId(), getCallableElement());
      ExecutionEntity called =
          (ExecutionEntity) execution.createSubProcessInstance(definition, businessKey);
      // only where both definitions are shared: a tenant's own definition keeps its tenant
      if (caller.getProcessDefinitionTenantId() == null
          && ((ProcessDefinitionEntity) definition).getTenantId() == null) {
        called.setTenantId(null);
      }
      called.start(variables);
    }
  }
}
