package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionInputRuleTest extends RuleTestSupport {
  /** What a process sets is recorded by the other rules, so this rule runs with all of them. */
  final List<Rule> rules = ModelCheck.defaultRules(BEANS);

  /** A decision reading {@code mood}. */
  static final String MOOD =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
          xmlns:camunda="http://camunda.org/schema/1.0/dmn"
          id="Definitions_Mood" name="Mood" namespace="http://pathtovictory.org/test">
        <decision id="checkMood" name="Mood" camunda:historyTimeToLive="P30D">
          <decisionTable id="DecisionTable_Mood">
            <input id="Input_Mood" label="Mood of the group">
              <inputExpression id="InputExpression_Mood" typeRef="string"><text>mood</text></inputExpression>
            </input>
            <output id="Output_X" name="x" typeRef="string" />
            <rule id="Rule_Any">
              <inputEntry id="InputEntry_Any"><text></text></inputEntry>
              <outputEntry id="OutputEntry_X"><text>"x"</text></outputEntry>
            </rule>
          </decisionTable>
        </decision>
      </definitions>
      """;

  static Map<String, String> deciding(String form) {
    Map<String, String> files =
        withModel(
            ReferenceRuleTest.deciding("checkMood")
                .replace("camunda:resultVariable=\"x\"", "camunda:resultVariable=\"result\""));
    files.put("hold-debrief.form", form);
    files.put("mood.dmn", MOOD);
    return files;
  }

  @Test
  void anInputTheProcessSetsByAForm() {
    String form =
        DeploymentTestSupport.form(
            "hold-debrief", "[{\"type\": \"textfield\", \"key\": \"mood\", \"label\": \"Mood\"}]");
    assertThat(check(rules, deciding(form))).isEmpty();
  }

  @Test
  void anInputTheProcessNeverSets() {
    assertProblem(
        check(rules, deciding(debriefForm())),
        "mood.dmn",
        "Input_Mood (Mood of the group)",
        "reads “mood”, which the process deploy-check never sets");
  }
}
