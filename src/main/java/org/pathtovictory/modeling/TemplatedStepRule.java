package org.pathtovictory.modeling;

import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Templated steps: a user task made from one of our element templates names a kind of step that
 * exists ({@link CampaignStep}).
 */
final class TemplatedStepRule implements Rule {

  @Override
  public void flowNode(BpmnFile file, FlowNode node, ProcessFacts facts) {
    if (!(node instanceof UserTask task)) {
      return;
    }
    for (CamundaProperty property :
        task.getChildElementsByType(ExtensionElements.class).stream()
            .flatMap(
                extensions -> extensions.getChildElementsByType(CamundaProperties.class).stream())
            .flatMap(properties -> properties.getCamundaProperties().stream())
            .toList()) {
      if (CampaignStep.PROPERTY.equals(property.getCamundaName())
          && CampaignStep.ofKind(property.getCamundaValue()).isEmpty()) {
        file.problem(
            ModelText.label(task),
            "the kind of step “"
                + property.getCamundaValue()
                + "” does not exist; choose the step's template again in Camunda Modeler");
      }
    }
  }
}
