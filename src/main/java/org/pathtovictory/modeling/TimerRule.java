package org.pathtovictory.modeling;

import static org.pathtovictory.modeling.ModelText.blank;
import static org.pathtovictory.modeling.ModelText.isDateTime;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * Timers and due dates: every user task has a due date, every timer a time, and a written time is a
 * date, an ISO 8601 duration or a repetition the engine can read (an expression is left to the
 * expression rule).
 */
final class TimerRule implements Rule {
  private final DatatypeFactory durations;

  TimerRule() {
    try {
      this.durations = DatatypeFactory.newInstance();
    } catch (DatatypeConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void flowNode(BpmnFile file, FlowNode node, ProcessFacts facts) {
    if (!(node instanceof UserTask task)) {
      return;
    }
    String due = task.getCamundaDueDate();
    if (due == null || due.isBlank()) {
      file.problem(ModelText.label(task), "has no due date: set one from the campaign calendar");
    } else if (!ExpressionCheck.isExpression(due) && !isDateTime(due)) {
      file.problem(
          ModelText.label(task),
          "the due date “" + due + "” is not a date and time (e.g. 2026-10-01T17:00:00)");
    }
  }

  @Override
  public void afterFlowNodes(BpmnFile file) {
    for (TimerEventDefinition timer :
        file.model().getModelElementsByType(TimerEventDefinition.class)) {
      checkTimer(file, timer);
    }
  }

  private void checkTimer(BpmnFile file, TimerEventDefinition timer) {
    String label = ModelText.label(ModelText.owner(timer));
    String date = timer.getTimeDate() == null ? null : timer.getTimeDate().getTextContent();
    String duration =
        timer.getTimeDuration() == null ? null : timer.getTimeDuration().getTextContent();
    String cycle = timer.getTimeCycle() == null ? null : timer.getTimeCycle().getTextContent();
    if (blank(date) && blank(duration) && blank(cycle)) {
      file.problem(label, "the timer has no time: set a date, a duration or a cycle");
      return;
    }
    if (!blank(date) && !ExpressionCheck.isExpression(date) && !isDateTime(date.trim())) {
      file.problem(
          label,
          "the timer date “" + date.trim() + "” is not a date and time (e.g. 2026-10-01T17:00:00)");
    }
    if (!blank(duration)
        && !ExpressionCheck.isExpression(duration)
        && !isDuration(duration.trim())) {
      file.problem(
          label,
          "the timer duration “"
              + duration.trim()
              + "” is not an ISO 8601 duration (e.g. P7D for 7 days, PT4H for 4 hours)");
    }
    if (!blank(cycle) && !ExpressionCheck.isExpression(cycle) && !isCycle(cycle.trim())) {
      file.problem(
          label,
          "the timer cycle “"
              + cycle.trim()
              + "” is not an ISO 8601 repetition (e.g. R/P7D for every 7 days)");
    }
  }

  boolean isDuration(String text) {
    try {
      durations.newDuration(text);
      return text.startsWith("P") || text.startsWith("-P");
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return false;
    }
  }

  boolean isCycle(String text) {
    if (text.startsWith("R")) {
      String[] parts = text.split("/");
      if (!parts[0].matches("R\\d*") || parts.length < 2 || parts.length > 3) {
        return false;
      }
      for (int i = 1; i < parts.length; i++) {
        if (!isDuration(parts[i]) && !isDateTime(parts[i])) {
          return false;
        }
      }
      return true;
    }
    int fields = text.trim().split("\\s+").length; // a cron expression
    return fields == 6 || fields == 7;
  }
}
