package org.pathtovictory.modeling;

import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;

/** Messages: an event that waits for or sends a message names a defined message. */
final class MessageRule implements Rule {

  @Override
  public void afterFlowNodes(BpmnFile file) {
    for (MessageEventDefinition message :
        file.model().getModelElementsByType(MessageEventDefinition.class)) {
      if (message.getMessage() == null
          || message.getMessage().getName() == null
          || message.getMessage().getName().isBlank()) {
        file.problem(
            ModelText.label(ModelText.owner(message)),
            "waits for or sends a message that is not defined (choose a message with a name"
                + " under Message)");
      }
    }
  }
}
