package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TimerRuleTest extends RuleTestSupport {
  final Rule rule = new TimerRule();

  static String timer(String time) {
    return model(
        TASK,
        new DeploymentTestSupport.Step(
            "<bpmn:intermediateCatchEvent id=\"Task_Step\" name=\"Step\">",
            "",
            "<bpmn:timerEventDefinition id=\"TimerEventDefinition_Step\">"
                + time
                + "</bpmn:timerEventDefinition>",
            "</bpmn:intermediateCatchEvent>"),
        "");
  }

  static String formal(String element, String value) {
    return "<bpmn:%s xsi:type=\"bpmn:tFormalExpression\">%s</bpmn:%s>"
        .formatted(element, value, element);
  }

  @Test
  void timesTheEngineCanRead() {
    assertThat(check(rule, Map.of(FILE, validModel()))).isEmpty();
    for (String time :
        new String[] {
          formal("timeDuration", "P7D"),
          formal("timeDate", "2026-10-01T17:00:00"),
          formal("timeCycle", "R3/PT4H"),
          formal("timeCycle", "0 0 9 * * ?"),
          formal("timeDate", "${gotvStart}")
        }) {
      assertThat(check(rule, Map.of(FILE, timer(time)))).as(time).isEmpty();
    }
  }

  @Test
  void aTimerWithoutATime() {
    assertProblem(
        check(rule, Map.of(FILE, timer(""))), FILE, "Task_Step (Step)", "the timer has no time");
  }

  @Test
  void aTimerThatIsNotADurationADateOrARepetition() {
    assertProblem(
        check(rule, Map.of(FILE, timer(formal("timeDuration", "P7X")))),
        FILE,
        "Task_Step (Step)",
        "the timer duration “P7X” is not an ISO 8601 duration");
    assertProblem(
        check(rule, Map.of(FILE, timer(formal("timeDate", "2026-13-45")))),
        FILE,
        "Task_Step (Step)",
        "the timer date “2026-13-45” is not a date and time");
    assertProblem(
        check(rule, Map.of(FILE, timer(formal("timeCycle", "R/every week")))),
        FILE,
        "Task_Step (Step)",
        "the timer cycle “R/every week” is not an ISO 8601 repetition");
  }

  @Test
  void aUserTaskWithoutADueDateOrWithOneThatIsNotADate() {
    assertProblem(
        check(
            rule,
            Map.of(
                FILE,
                model(
                    TASK.replace(" camunda:dueDate=\"${dueDate.inDays(execution, 3)}\"", ""),
                    MANUAL,
                    ""))),
        FILE,
        TASK_LABEL,
        "has no due date");
    assertProblem(
        check(
            rule,
            Map.of(
                FILE,
                model(
                    TASK.replace("${dueDate.inDays(execution, 3)}", "next Tuesday"), MANUAL, ""))),
        FILE,
        TASK_LABEL,
        "the due date “next Tuesday” is not a date and time");
  }
}
