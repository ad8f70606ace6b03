package org.pathtovictory.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;

/** The checks on reviewers' and group leads' submissions, as plain objects. */
class ComplianceSubmissionsTest {

  private final DelegateExecution execution = mock(DelegateExecution.class);

  private DelegateTask submitted(Map<String, Object> values) {
    DelegateTask task = mock(DelegateTask.class);
    values.forEach((name, value) -> when(task.getVariable(name)).thenReturn(value));
    when(task.getExecution()).thenReturn(execution);
    when(task.getAssignee()).thenReturn((String) values.get("assignee"));
    return task;
  }

  private static void assertRefused(Runnable submission, String... fields) {
    assertThatThrownBy(submission::run)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.getProblems()).extracting(Problem::field).containsExactly(fields));
  }

  @Test
  void conditionsAreRequiredWhenApprovedWithConditions() {
    var listener = new SpendingReviewSubmitted();
    assertRefused(
        () -> listener.notify(submitted(Map.of("spendingDecision", "APPROVED_WITH_CONDITIONS"))),
        "spendingConditions");
    assertRefused(
        () -> listener.notify(submitted(Map.of("spendingDecision", "MAYBE"))), "spendingDecision");
    listener.notify(
        submitted(
            Map.of(
                "spendingDecision",
                "APPROVED_WITH_CONDITIONS",
                "spendingConditions",
                " Swag only ")));
    verify(execution).setVariable("spendingConditions", "Swag only");
  }

  @Test
  void conditionsDoNotOutliveAnotherDecision() {
    new SpendingReviewSubmitted()
        .notify(
            submitted(Map.of("spendingDecision", "APPROVED", "spendingConditions", "left over")));
    verify(execution).setVariable("spendingConditions", null);
  }

  @Test
  void c3CorrectionNamesAGroupType() {
    var listener = new C3ReviewSubmitted();
    assertRefused(() -> listener.notify(submitted(Map.of())), "c3Decision");
    assertRefused(
        () -> listener.notify(submitted(Map.of("c3Decision", "CORRECTED"))),
        "correctedOrganizationType");
    assertRefused(
        () ->
            listener.notify(
                submitted(Map.of("c3Decision", "CORRECTED", "correctedOrganizationType", "C3"))),
        "correctedOrganizationType");
    listener.notify(submitted(Map.of("c3Decision", "CONFIRMED")));
  }

  @Test
  void firewallNeedsTheTickAndAProgram() {
    var listener = new FirewallAcknowledgementSubmitted();
    assertRefused(
        () ->
            listener.notify(
                submitted(
                    Map.of("firewallAcknowledged", false, "voterContactProgram", "CAMPAIGN"))),
        "firewallAcknowledged");
    assertRefused(
        () -> listener.notify(submitted(Map.of("firewallAcknowledged", true))),
        "voterContactProgram");
    listener.notify(
        submitted(Map.of("firewallAcknowledged", true, "voterContactProgram", "INDIVISIBLE")));
  }

  @Test
  void spendingAnswerNeedsDecisionAndWords() {
    assertRefused(
        () ->
            new SpendingQuestionAnswered().notify(submitted(Map.of("spendingQuestionAnswer", " "))),
        "spendingQuestionDecision",
        "spendingQuestionAnswer");
  }

  @Test
  void takingUpAQuestionRecordsTheReviewer() {
    new SpendingQuestionTakenUp().notify(submitted(Map.of("assignee", "compliance")));
    verify(execution).setVariable("spendingQuestionReviewer", "compliance");
  }

  @Test
  void csvQuotesWhatASpreadsheetWouldSplit() {
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("spendingDecision", "APPROVED_WITH_CONDITIONS");
    decision.put("spendingConditions", "Swag only, \"no\" venue\nkeep receipts");
    Map<String, Object> facts = new HashMap<>();
    facts.put("plannedSpending", null);
    String csv =
        ComplianceDecisionsCsv.write(
            List.of(
                new ComplianceDecision(
                    "e1",
                    "p1",
                    "compliance-review",
                    "Task_ReviewPlannedSpending",
                    "Review the group's planned spending",
                    "compliance",
                    Instant.parse("2026-06-01T13:00:00Z"),
                    decision,
                    facts)));
    assertThat(csv)
        .startsWith("decidedAt,decidedBy,stepName,decision,facts,step,process,processInstanceId")
        .contains(
            "\"spendingDecision=APPROVED_WITH_CONDITIONS; spendingConditions=Swag only, \"\"no\"\" venue\nkeep receipts\"")
        .contains("plannedSpending=");
  }
}
