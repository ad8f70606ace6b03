package org.pathtovictory.compliance;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The user tasks whose completion is a compliance decision: which variables hold what was decided,
 * and which hold the facts the decision was made on.
 */
enum ComplianceStep {
  C3_REVIEW(
      "Task_Review501c3Status",
      List.of("c3Decision", "correctedOrganizationType", "organizationType", "c3ReviewNote"),
      List.of("leadGroup", "candidateName", "organizationType")),
  SPENDING_REVIEW(
      "Task_ReviewPlannedSpending",
      List.of("spendingDecision", "spendingConditions", "spendingReviewNote"),
      List.of("organizationType", "plannedSpending", "spendingDescription")),
  FIREWALL_ACKNOWLEDGEMENT(
      "Task_AcknowledgeFirewall",
      List.of("firewallAcknowledged", "firewallProgram"),
      List.of("voterContactProgram")),
  SPENDING_QUESTION_ANSWER(
      "Task_AnswerSpendingQuestion",
      List.of("spendingQuestionDecision", "spendingQuestionAnswer"),
      List.of("leadGroup", "askedBy", "candidateName", "spendingQuestion", "spendingAmount")),
  SPENDING_QUESTION_ESCALATION(
      "Task_FollowUpUnansweredSpendingQuestion",
      List.of("spendingQuestionEscalationNote"),
      List.of("leadGroup", "spendingQuestion", "spendingQuestionReviewer"));

  private final String taskKey;
  private final List<String> decisionVariables;
  private final List<String> factVariables;

  ComplianceStep(String taskKey, List<String> decisionVariables, List<String> factVariables) {
    this.taskKey = taskKey;
    this.decisionVariables = decisionVariables;
    this.factVariables = factVariables;
  }

  String taskKey() {
    return taskKey;
  }

  List<String> decisionVariables() {
    return decisionVariables;
  }

  List<String> factVariables() {
    return factVariables;
  }

  static String[] taskKeys() {
    return Arrays.stream(values()).map(ComplianceStep::taskKey).toArray(String[]::new);
  }

  static Optional<ComplianceStep> ofTask(String taskKey) {
    return Arrays.stream(values()).filter(step -> step.taskKey.equals(taskKey)).findFirst();
  }
}
