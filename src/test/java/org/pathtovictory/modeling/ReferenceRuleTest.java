package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceRuleTest extends RuleTestSupport {
  final Rule rule = new ReferenceRule();

  static String calling(String process) {
    return model(
        TASK,
        DeploymentTestSupport.Step.of(
            "<bpmn:callActivity id=\"Task_Step\" name=\"Step\" calledElement=\"" + process + "\">",
            "</bpmn:callActivity>"),
        "");
  }

  static String deciding(String decision) {
    return model(
        TASK,
        DeploymentTestSupport.Step.of(
            "<bpmn:businessRuleTask id=\"Task_Step\" name=\"Step\" camunda:decisionRef=\""
                + decision
                + "\" camunda:resultVariable=\"x\" camunda:mapDecisionResult=\"singleEntry\">",
            "</bpmn:businessRuleTask>"),
        "");
  }

  @Test
  void callsAndDecisionsInTheDeploymentOrDeployedBefore() {
    assertThat(check(rule, Map.of(FILE, calling("deploy-check")))).isEmpty();
    assertThat(
            check(
                rule, Map.of(FILE, deciding("checkMood"), "mood.dmn", DecisionInputRuleTest.MOOD)))
        .isEmpty();
    ModelCheck.Deployed before =
        new ModelCheck.NothingDeployed() {
          @Override
          public boolean hasProcess(String key) {
            return key.equals("elsewhere");
          }
        };
    assertThat(check(java.util.List.of(rule), Map.of(FILE, calling("elsewhere")), before))
        .isEmpty();
  }

  @Test
  void aCallActivityCallingNothingOrAProcessThatDoesNotExist() {
    assertProblem(
        check(rule, Map.of(FILE, calling("no-such-process"))),
        FILE,
        "Task_Step (Step)",
        "calls the process “no-such-process”, which is neither");
    assertProblem(
        check(rule, Map.of(FILE, calling(""))), FILE, "Task_Step (Step)", "calls no process");
  }

  @Test
  void aBusinessRuleTaskWithoutADecisionOrWithOneThatDoesNotExist() {
    assertProblem(
        check(rule, Map.of(FILE, deciding("noSuchDecision"))),
        FILE,
        "Task_Step (Step)",
        "uses the decision “noSuchDecision”, which is neither");
    assertProblem(
        check(rule, Map.of(FILE, deciding(""))), FILE, "Task_Step (Step)", "uses no decision");
  }
}
