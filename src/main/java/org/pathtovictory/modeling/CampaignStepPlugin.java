package org.pathtovictory.modeling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Gives a user task whose model names a {@link CampaignStep} kind ({@code camunda:property
 * name="campaignStep"}) the task listeners of that kind, as if they were written in the model. A
 * kind that does not exist refuses the deployment.
 */
@Component
class CampaignStepPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPreBPMNParseListeners(listeners);
    }
    // a pre-parse listener: the step's listeners come before the notification listeners, which
    // must see an assignee or candidates that a step's create listener may set
    listeners.add(new StepListeners(configuration));
  }

  private static final class StepListeners extends AbstractBpmnParseListener {

    private final ProcessEngineConfigurationImpl configuration;

    StepListeners(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      Map<String, String> properties = BpmnParseUtil.parseCamundaExtensionProperties(element);
      if (properties == null || !properties.containsKey(CampaignStep.PROPERTY)) {
        return;
      }
      String kind = properties.get(CampaignStep.PROPERTY);
      CampaignStep step =
          CampaignStep.ofKind(kind)
              .orElseThrow(
                  () ->
                      new ProcessEngineException(
                          "Step "
                              + activity.getId()
                              + " names the kind of step '"
                              + kind
                              + "', which does not exist; use one of: "
                              + java.util.Arrays.stream(CampaignStep.values())
                                  .map(CampaignStep::kind)
                                  .collect(Collectors.joining(", "))));
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        ExpressionManager expressions = configuration.getExpressionManager();
        for (CampaignStep.Listener listener : step.listeners()) {
          userTask
              .getTaskDefinition()
              .addTaskListener(
                  listener.event(),
                  new DelegateExpressionTaskListener(
                      expressions.createExpression("${" + listener.bean() + "}"), List.of()));
        }
      }
    }
  }
}
