package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UserTaskRuleTest extends RuleTestSupport {
  final Rule rule = new UserTaskRule();

  @Test
  void aTaskForARoleOrANamedLeadPasses() {
    assertThat(check(rule, Map.of(FILE, validModel()))).isEmpty();
    String assigned =
        TASK.replace("camunda:candidateGroups=\"group-leads\"", "camunda:assignee=\"${lead}\"");
    assertThat(check(rule, Map.of(FILE, model(assigned, MANUAL, "")))).isEmpty();
  }

  @Test
  void aTaskWithoutARole() {
    assertProblem(
        check(
            rule,
            Map.of(
                FILE,
                model(TASK.replace(" camunda:candidateGroups=\"group-leads\"", ""), MANUAL, ""))),
        FILE,
        TASK_LABEL,
        "has no role");
  }

  @Test
  void aCandidateGroupThatIsNotARole() {
    assertProblem(
        check(
            rule,
            Map.of(FILE, model(TASK.replace("group-leads", "group-leads,volunteers"), MANUAL, ""))),
        FILE,
        TASK_LABEL,
        "the candidate group “volunteers” is not a role");
  }
}
