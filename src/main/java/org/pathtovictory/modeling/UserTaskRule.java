package org.pathtovictory.modeling;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.pathtovictory.identity.CampaignRole;

/** User tasks: every task goes to a role of the campaign (or a named lead as assignee). */
final class UserTaskRule implements Rule {
  private static final Set<String> ROLES =
      Arrays.stream(CampaignRole.values()).map(CampaignRole::groupId).collect(Collectors.toSet());

  @Override
  public void flowNode(BpmnFile file, FlowNode node, ProcessFacts facts) {
    if (!(node instanceof UserTask task)) {
      return;
    }
    String label = ModelText.label(task);
    String groups = task.getCamundaCandidateGroups();
    if (groups == null && task.getCamundaAssignee() == null) {
      file.problem(label, "has no role: choose a candidate group (or a named lead as assignee)");
    }
    if (groups != null && !ExpressionCheck.isExpression(groups)) {
      for (String group : groups.split(",")) {
        if (!ROLES.contains(group.trim())) {
          file.problem(
              label,
              "the candidate group “"
                  + group.trim()
                  + "” is not a role; use one of "
                  + String.join(", ", new TreeSet<>(ROLES)));
        }
      }
    }
  }
}
