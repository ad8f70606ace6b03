package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConventionRuleTest extends RuleTestSupport {
  final Rule rule = new ConventionRule();

  @Test
  void theValidModelKeepsEveryConvention() {
    assertThat(check(rule, Map.of(FILE, validModel()))).isEmpty();
  }

  @Test
  void aProcessWithoutHistoryTimeToLive() {
    assertProblem(
        check(rule, Map.of(FILE, validModel().replace(" camunda:historyTimeToLive=\"P30D\"", ""))),
        FILE,
        "deploy-check (Deploy check)",
        "no history time to live");
  }

  @Test
  void anIdThatIsNotReadable() {
    assertProblem(
        check(rule, Map.of(FILE, validModel().replace("\"Task_Step\"", "\"Activity_0x8f2\""))),
        FILE,
        "Activity_0x8f2 (Step)",
        "the id is not readable");
  }

  @Test
  void anElementWithoutALabel() {
    assertProblem(
        check(rule, Map.of(FILE, validModel().replace(" name=\"Step\"", ""))),
        FILE,
        "Task_Step",
        "has no label");
  }

  @Test
  void anElementNothingFlowsIntoNorOutOf() {
    String lonely = "<bpmn:manualTask id=\"Task_Lonely\" name=\"Lonely\" />";
    var problems = check(rule, Map.of(FILE, model(TASK, MANUAL, lonely)));
    assertProblem(problems, FILE, "Task_Lonely (Lonely)", "nothing flows into it");
    assertProblem(problems, FILE, "Task_Lonely (Lonely)", "nothing flows out of it");
  }

  @Test
  void aDecisionWithoutHistoryTimeToLive() {
    assertProblem(
        check(
            rule,
            Map.of(
                "mood.dmn",
                DecisionInputRuleTest.MOOD.replace(" camunda:historyTimeToLive=\"P30D\"", ""))),
        "mood.dmn",
        "checkMood (Mood)",
        "no history time to live");
  }
}
