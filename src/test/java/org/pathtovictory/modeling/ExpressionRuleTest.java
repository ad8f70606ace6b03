package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionRuleTest extends RuleTestSupport {
  final Rule rule = new ExpressionRule(new ExpressionCheck(BEANS), BEANS);

  static String step(String open, String close) {
    return model(TASK, DeploymentTestSupport.Step.of(open, close), "");
  }

  @Test
  void expressionsCallingModelBeansAndReadingVariables() {
    assertThat(check(rule, Map.of(FILE, validModel()))).isEmpty();
    assertThat(check(rule, Map.of("mood.dmn", DecisionInputRuleTest.MOOD))).isEmpty();
  }

  @Test
  void aScriptTask() {
    assertProblem(
        check(
            rule,
            Map.of(
                FILE,
                step(
                    "<bpmn:scriptTask id=\"Task_Step\" name=\"Step\" scriptFormat=\"javascript\">",
                    "</bpmn:scriptTask>"))),
        FILE,
        "Task_Step (Step)",
        "runs a script; models may not run code");
  }

  @Test
  void aJavaClassAndAShellTask() {
    assertProblem(
        check(
            rule,
            Map.of(
                FILE,
                step(
                    "<bpmn:serviceTask id=\"Task_Step\" name=\"Step\" camunda:class=\"java.lang.Runtime\">",
                    "</bpmn:serviceTask>"))),
        FILE,
        "Task_Step (Step)",
        "runs the Java class “java.lang.Runtime”; models may only call model beans (dueDate)");
    assertProblem(
        check(
            rule,
            Map.of(
                FILE,
                step(
                    "<bpmn:serviceTask id=\"Task_Step\" name=\"Step\" camunda:type=\"shell\">",
                    "</bpmn:serviceTask>"))),
        FILE,
        "Task_Step (Step)",
        "is a “shell” task, which runs code on the server");
  }

  @Test
  void aDelegateThatIsNotAModelBean() {
    assertProblem(
        check(
            rule,
            Map.of(
                FILE,
                step(
                    "<bpmn:serviceTask id=\"Task_Step\" name=\"Step\" camunda:delegateExpression=\"${noSuchBean}\">",
                    "</bpmn:serviceTask>"))),
        FILE,
        "Task_Step (Step)",
        "calls “noSuchBean”, which is not a model bean");
  }

  @Test
  void aScriptCondition() {
    String bpmn =
        validModel()
            .replace(
                "<bpmn:sequenceFlow id=\"Flow_ToEnd\" sourceRef=\"Task_Step\" targetRef=\"EndEvent_Done\" />",
                "<bpmn:sequenceFlow id=\"Flow_ToEnd\" sourceRef=\"Task_Step\" targetRef=\"EndEvent_Done\">"
                    + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\""
                    + " language=\"groovy\">true</bpmn:conditionExpression></bpmn:sequenceFlow>");
    assertProblem(
        check(rule, Map.of(FILE, bpmn)), FILE, "Flow_ToEnd", "its condition is a groovy script");
  }

  @Test
  void aDecisionInAScriptLanguage() {
    String dmn =
        DecisionInputRuleTest.MOOD.replace(
            "<inputExpression id=\"InputExpression_Mood\" typeRef=\"string\">",
            "<inputExpression id=\"InputExpression_Mood\" typeRef=\"string\" expressionLanguage=\"javascript\">");
    assertProblem(
        check(rule, Map.of("mood.dmn", dmn)),
        "mood.dmn",
        "InputExpression_Mood",
        "uses the expression language “javascript”, which runs code");
  }
}
