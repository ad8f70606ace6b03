package org.pathtovictory.tasks;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.identity.Viewer;
import org.springframework.stereotype.Component;

/**
 * The tasks a volunteer sees on the phone pages: assigned to them, and open for their roles, only
 * in their own local groups (tenants); tasks of no local group only for national roles. Read with
 * the engine's authorization checks off and these rules applied explicitly, as the calendar feeds
 * do; taking a task runs as the user, so Camunda's own checks decide.
 */
@Component
class TaskInbox {

  static final int MAX_TASKS = 100;

  /** The task-local copies of the campaign's candidate and race (board.CampaignOnEveryTask). */
  static final String CANDIDATE = "campaignCandidate";

  static final String RACE = "campaignRace";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE, MMM d", Locale.US);

  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final ZoneId zone;

  TaskInbox(
      TaskService taskService,
      RuntimeService runtimeService,
      IdentityService identityService,
      PathToVictoryProperties properties) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.zone = properties.timeZone();
  }

  /** Tasks assigned to the viewer, soonest due first. */
  List<TaskCard> mine(Viewer viewer) {
    return withoutAuthentication(
        () ->
            cards(
                viewer,
                queries(
                    viewer, () -> taskService.createTaskQuery().taskAssignee(viewer.userId()))));
  }

  /** Unassigned tasks waiting for one of the viewer's roles, soonest due first. */
  List<TaskCard> forMyRoles(Viewer viewer) {
    if (viewer.groupIds().isEmpty()) {
      return List.of();
    }
    return withoutAuthentication(
        () ->
            cards(
                viewer,
                queries(
                    viewer,
                    () ->
                        taskService
                            .createTaskQuery()
                            .taskCandidateGroupIn(viewer.groupIds())
                            .taskUnassigned())));
  }

  /** The task, if it is open and the viewer may see it (assigned to them or to their roles). */
  Optional<Task> visible(Viewer viewer, String taskId) {
    return withoutAuthentication(
        () -> {
          Task task =
              taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
          if (task == null || !inViewersGroups(viewer, task.getTenantId())) {
            return Optional.empty();
          }
          if (viewer.userId().equals(task.getAssignee())) {
            return Optional.of(task);
          }
          for (IdentityLink link : taskService.getIdentityLinksForTask(taskId)) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())
                && (viewer.userId().equals(link.getUserId())
                    || link.getGroupId() != null
                        && viewer.groupIds().contains(link.getGroupId()))) {
              return Optional.of(task);
            }
          }
          return Optional.empty();
        });
  }

  /** The card of one task the viewer may see. */
  TaskCard card(Viewer viewer, Task task) {
    return withoutAuthentication(() -> cards(viewer, List.of(task)).get(0));
  }

  /**
   * Takes the task as the viewer, with the engine's authorization checks; a task someone else took
   * meanwhile throws Camunda's {@code TaskAlreadyClaimedException}.
   */
  void take(Viewer viewer, String taskId) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.setAuthentication(viewer.userId(), viewer.groupIds(), viewer.tenantIds());
    try {
      taskService.claim(taskId, viewer.userId());
    } finally {
      restore(caller);
    }
  }

  /** Who works on a task now, as a name. */
  String assigneeName(String userId) {
    var user = identityService.createUserQuery().userId(userId).singleResult();
    return user == null ? userId : org.pathtovictory.identity.LocalGroups.displayName(user);
  }

  private boolean inViewersGroups(Viewer viewer, String tenantId) {
    return tenantId == null ? viewer.national() : viewer.tenantIds().contains(tenantId);
  }

  private List<Task> queries(Viewer viewer, Supplier<TaskQuery> query) {
    Map<String, Task> tasks = new LinkedHashMap<>();
    if (!viewer.tenantIds().isEmpty()) {
      query
          .get()
          .tenantIdIn(viewer.tenantIds().toArray(String[]::new))
          .active()
          .orderByDueDate()
          .asc()
          .listPage(0, MAX_TASKS)
          .forEach(t -> tasks.put(t.getId(), t));
    }
    if (viewer.national()) {
      query
          .get()
          .withoutTenantId()
          .active()
          .orderByDueDate()
          .asc()
          .listPage(0, MAX_TASKS)
          .forEach(t -> tasks.putIfAbsent(t.getId(), t));
    }
    List<Task> sorted = new ArrayList<>(tasks.values());
    // no due date last, as a volunteer reads a list of deadlines
    sorted.sort(
        java.util.Comparator.comparing(
            Task::getDueDate, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
    return sorted.size() > MAX_TASKS ? sorted.subList(0, MAX_TASKS) : sorted;
  }

  private List<TaskCard> cards(Viewer viewer, Collection<Task> tasks) {
    Map<String, Map<String, Object>> labels = labels(tasks);
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
    List<TaskCard> cards = new ArrayList<>();
    for (Task task : tasks) {
      Map<String, Object> label = labels.getOrDefault(task.getId(), Map.of());
      String candidate = (String) label.get(CANDIDATE);
      String race = (String) label.get(RACE);
      LocalDate due =
          task.getDueDate() == null
              ? null
              : LocalDate.ofInstant(task.getDueDate().toInstant(), zone);
      cards.add(
          new TaskCard(
              task.getId(),
              task.getName(),
              candidate,
              race,
              candidate == null ? "" : candidate + (race == null ? "" : " · " + race),
              due == null ? null : DAY.format(due),
              dueWords(today, due),
              due != null && due.isBefore(today),
              viewer.userId().equals(task.getAssignee())));
    }
    return cards;
  }

  static String dueWords(LocalDate today, LocalDate due) {
    if (due == null) {
      return "no due date";
    }
    long days = ChronoUnit.DAYS.between(today, due);
    if (days < -1) {
      return "overdue by " + -days + " days";
    }
    if (days == -1) {
      return "overdue since yesterday";
    }
    if (days == 0) {
      return "due today";
    }
    return days == 1 ? "due tomorrow" : "due in " + days + " days";
  }

  private Map<String, Map<String, Object>> labels(Collection<Task> tasks) {
    Map<String, Map<String, Object>> labels = new HashMap<>();
    if (tasks.isEmpty()) {
      return labels;
    }
    for (VariableInstance v :
        runtimeService
            .createVariableInstanceQuery()
            .taskIdIn(tasks.stream().map(Task::getId).toArray(String[]::new))
            .variableNameIn(CANDIDATE, RACE)
            .list()) {
      labels.computeIfAbsent(v.getTaskId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
    }
    return labels;
  }

  private <T> T withoutAuthentication(Supplier<T> read) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return read.get();
    } finally {
      restore(caller);
    }
  }

  private void restore(Authentication caller) {
    if (caller != null) {
      identityService.setAuthentication(caller);
    } else {
      identityService.clearAuthentication();
    }
  }
}
