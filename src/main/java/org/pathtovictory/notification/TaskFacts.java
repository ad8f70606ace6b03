package org.pathtovictory.notification;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * What a mail says about one user task and who it waits for, read either from a task being created
 * or assigned (inside the engine transaction) or from a task found by the deadline scan.
 */
record TaskFacts(
    String id,
    String name,
    String assignee,
    Set<String> candidateGroups,
    Set<String> candidateUsers,
    String tenantId,
    Date dueDate,
    String candidateName,
    String office,
    String race,
    String organizerEmail) {

  static final List<String> VARIABLES =
      List.of("candidateName", "office", "race", "organizerEmail");

  static TaskFacts of(DelegateTask task) {
    return new TaskFacts(
        task.getId(),
        nameOf(task.getName(), task.getTaskDefinitionKey()),
        task.getAssignee(),
        candidates(task.getCandidates(), true),
        candidates(task.getCandidates(), false),
        task.getTenantId(),
        task.getDueDate(),
        text(task.getVariable("candidateName")),
        text(task.getVariable("office")),
        text(task.getVariable("race")),
        text(task.getVariable("organizerEmail")));
  }

  /** A task found by the deadline scan, with its candidates and campaign variables read in bulk. */
  static TaskFacts of(
      Task task, Set<String> groups, Set<String> users, Map<String, Object> variables) {
    return new TaskFacts(
        task.getId(),
        nameOf(task.getName(), task.getTaskDefinitionKey()),
        task.getAssignee(),
        new TreeSet<>(groups),
        new TreeSet<>(users),
        task.getTenantId(),
        task.getDueDate(),
        text(variables.get("candidateName")),
        text(variables.get("office")),
        text(variables.get("race")),
        text(variables.get("organizerEmail")));
  }

  private static Set<String> candidates(Iterable<IdentityLink> links, boolean groups) {
    Set<String> ids = new TreeSet<>();
    for (IdentityLink link : links) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      String id = groups ? link.getGroupId() : link.getUserId();
      if (id != null) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static String nameOf(String name, String key) {
    return name != null && !name.isBlank() ? name : key;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
