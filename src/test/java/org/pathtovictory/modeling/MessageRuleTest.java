package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRuleTest extends RuleTestSupport {
  final Rule rule = new MessageRule();

  static String waitingFor(String messageRef, String definitions) {
    return model(
            TASK,
            new DeploymentTestSupport.Step(
                "<bpmn:intermediateCatchEvent id=\"Task_Step\" name=\"Step\">",
                "",
                "<bpmn:messageEventDefinition id=\"MessageEventDefinition_Step\" messageRef=\""
                    + messageRef
                    + "\" />",
                "</bpmn:intermediateCatchEvent>"),
            "")
        .replace("</bpmn:process>", "</bpmn:process>" + definitions);
  }

  @Test
  void aMessageWithAName() {
    assertThat(
            check(
                rule,
                Map.of(
                    FILE,
                    waitingFor(
                        "Message_Question",
                        "<bpmn:message id=\"Message_Question\" name=\"SpendingQuestion\" />"))))
        .isEmpty();
  }

  @Test
  void aMessageThatIsNotDefined() {
    assertProblem(
        check(rule, Map.of(FILE, waitingFor("Message_Missing", ""))),
        FILE,
        "Task_Step (Step)",
        "a message that is not defined");
  }
}
