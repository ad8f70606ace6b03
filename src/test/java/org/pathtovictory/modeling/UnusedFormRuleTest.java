package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnusedFormRuleTest extends RuleTestSupport {
  /** Which forms a model uses is recorded by the form rule. */
  final List<Rule> rules = List.of(new FormRule(), new UnusedFormRule());

  @Test
  void aFormTheModelUsesOrAFormDeployedAlone() {
    assertThat(check(rules, withModel(validModel()))).isEmpty();
    assertThat(check(rules, Map.of("hold-debrief.form", debriefForm()))).isEmpty();
  }

  @Test
  void aFormNoModelUses() {
    Map<String, String> files = withModel(validModel());
    files.put("spare.form", DeploymentTestSupport.form("spare", "[]"));
    assertProblem(check(rules, files), "spare.form", null, "no model uses the form “spare”");
  }
}
