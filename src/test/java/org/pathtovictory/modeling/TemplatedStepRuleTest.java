package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatedStepRuleTest extends RuleTestSupport {
  final Rule rule = new TemplatedStepRule();

  static String withStepKind(String kind) {
    return validModel()
        .replace(
            "<bpmn:incoming>Flow_ToTask</bpmn:incoming>",
            "<bpmn:extensionElements><camunda:properties><camunda:property name=\""
                + CampaignStep.PROPERTY
                + "\" value=\""
                + kind
                + "\" /></camunda:properties></bpmn:extensionElements>"
                + "<bpmn:incoming>Flow_ToTask</bpmn:incoming>");
  }

  @Test
  void aStepOfAKindThatExists() {
    String kind = CampaignStep.values()[0].kind();
    assertThat(check(rule, Map.of(FILE, withStepKind(kind)))).isEmpty();
  }

  @Test
  void aStepOfAKindThatDoesNotExist() {
    assertProblem(
        check(rule, Map.of(FILE, withStepKind("no-such-kind"))),
        FILE,
        TASK_LABEL,
        "the kind of step “no-such-kind” does not exist");
  }
}
