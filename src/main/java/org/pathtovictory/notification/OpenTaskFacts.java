package org.pathtovictory.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The open tasks the deadline scan and the digest look at, with whom each waits for and its
 * campaign, read set-based: per page of tasks one read of their candidate links and one variable
 * query for their campaigns, whatever the number of tasks. Camunda's API has no query for the
 * identity links of many tasks, the tenants of many users or the user info of many users, so those
 * are read from Camunda's tables here, the only place in the application that reads them.
 */
@Component
class OpenTaskFacts {

  private static final Logger LOG = LoggerFactory.getLogger(OpenTaskFacts.class);
  static final int PAGE = 500;

  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final NamedParameterJdbcTemplate jdbc;

  OpenTaskFacts(
      TaskService taskService, RuntimeService runtimeService, NamedParameterJdbcTemplate jdbc) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.jdbc = jdbc;
  }

  /**
   * Active tasks due in [{@code dueFrom}, {@code dueBefore}), page by page. The window is read in
   * one query on the due-date index ({@code PTV_IDX_TASK_DUE_DATE}), so its cost follows the tasks
   * in the window; paging by offset would read the window again for every page.
   */
  void dueBetween(Date dueFrom, Date dueBefore, Consumer<List<TaskFacts>> page) {
    List<Task> tasks =
        taskService
            .createTaskQuery()
            .active()
            .dueAfter(new Date(dueFrom.getTime() - 1))
            .dueBefore(dueBefore)
            .orderByTaskId()
            .asc()
            .list();
    for (int from = 0; from < tasks.size(); from += PAGE) {
      page.accept(factsOf(tasks.subList(from, Math.min(tasks.size(), from + PAGE))));
    }
  }

  /** Every active task, page by page (the daily digest). */
  void all(Consumer<List<TaskFacts>> page) {
    for (int first = 0; ; first += PAGE) {
      List<Task> tasks =
          taskService.createTaskQuery().active().orderByTaskId().asc().listPage(first, PAGE);
      page.accept(factsOf(tasks));
      if (tasks.size() < PAGE) {
        return;
      }
    }
  }

  /** The facts of these tasks, in their order: one read of links, one of variables. */
  List<TaskFacts> factsOf(List<Task> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    Map<String, Set<String>> groups = new HashMap<>();
    Map<String, Set<String>> users = new HashMap<>();
    jdbc.query(
        "SELECT TASK_ID_, GROUP_ID_, USER_ID_ FROM ACT_RU_IDENTITYLINK"
            + " WHERE TYPE_ = :type AND TASK_ID_ IN (:tasks)",
        Map.of(
            "type", IdentityLinkType.CANDIDATE, "tasks", tasks.stream().map(Task::getId).toList()),
        row -> {
          String task = row.getString("TASK_ID_");
          String group = row.getString("GROUP_ID_");
          String user = row.getString("USER_ID_");
          if (group != null) {
            groups.computeIfAbsent(task, t -> new TreeSet<>()).add(group);
          }
          if (user != null) {
            users.computeIfAbsent(task, t -> new TreeSet<>()).add(user);
          }
        });
    Map<String, Map<String, Object>> variables = campaignVariables(tasks);
    List<TaskFacts> facts = new ArrayList<>();
    for (Task task : tasks) {
      facts.add(
          TaskFacts.of(
              task,
              groups.getOrDefault(task.getId(), Set.of()),
              users.getOrDefault(task.getId(), Set.of()),
              variables.getOrDefault(task.getId(), Map.of())));
    }
    return facts;
  }

  /**
   * {@link TaskFacts#VARIABLES} as each task sees them (its own, its execution's, its process
   * instance's), for all the tasks' instances in one query. A name also set in another scope of the
   * instance (a sub-process, a parallel branch) may be the one the task sees: such a task is read
   * on its own, as the engine resolves it.
   */
  private Map<String, Map<String, Object>> campaignVariables(List<Task> tasks) {
    Set<String> instances = new HashSet<>();
    for (Task task : tasks) {
      if (task.getExecutionId() != null) {
        instances.add(task.getProcessInstanceId());
      }
    }
    Map<String, List<VariableInstance>> byInstance = new HashMap<>();
    if (!instances.isEmpty()) {
      runtimeService
          .createVariableInstanceQuery()
          .processInstanceIdIn(instances.toArray(String[]::new))
          .variableNameIn(TaskFacts.VARIABLES.toArray(String[]::new))
          .disableBinaryFetching()
          .list()
          .forEach(
              v ->
                  byInstance
                      .computeIfAbsent(v.getProcessInstanceId(), i -> new ArrayList<>())
                      .add(v));
    }
    Map<String, Map<String, Object>> byTask = new HashMap<>();
    for (Task task : tasks) {
      if (task.getExecutionId() == null) {
        continue;
      }
      Map<String, Object> seen =
          seenBy(task, byInstance.getOrDefault(task.getProcessInstanceId(), List.of()));
      if (seen == null) {
        seen = readAlone(task);
      }
      byTask.put(task.getId(), seen);
    }
    return byTask;
  }

  /** The task's variables by precedence (task, execution, instance); null when unclear. */
  static Map<String, Object> seenBy(Task task, Collection<VariableInstance> ofInstance) {
    Map<String, VariableInstance> own = new LinkedHashMap<>();
    Map<String, VariableInstance> execution = new LinkedHashMap<>();
    Map<String, VariableInstance> instance = new LinkedHashMap<>();
    Set<String> elsewhere = new HashSet<>();
    for (VariableInstance v : ofInstance) {
      if (v.getTaskId() != null) {
        if (v.getTaskId().equals(task.getId())) {
          own.put(v.getName(), v);
        }
      } else if (v.getExecutionId().equals(task.getExecutionId())) {
        execution.put(v.getName(), v);
      } else if (v.getExecutionId().equals(task.getProcessInstanceId())) {
        instance.put(v.getName(), v);
      } else {
        elsewhere.add(v.getName());
      }
    }
    Map<String, Object> values = new HashMap<>();
    for (String name : TaskFacts.VARIABLES) {
      VariableInstance v = own.get(name);
      v = v != null ? v : execution.get(name);
      if (v == null && elsewhere.contains(name)) {
        return null;
      }
      v = v != null ? v : instance.get(name);
      if (v != null && v.getValue() != null) {
        values.put(name, v.getValue());
      }
    }
    return values;
  }

  /**
   * The local groups (tenants) of each member of a group, directly or through a group of theirs, as
   * Camunda's tenant query with {@code includingGroupsOfUser} finds them one user at a time.
   */
  Map<String, Set<String>> tenantsOfMembers(String groupId) {
    Map<String, Set<String>> tenants = new HashMap<>();
    jdbc.query(
        "SELECT M.USER_ID_, T.TENANT_ID_ FROM ACT_ID_MEMBERSHIP M"
            + " JOIN ACT_ID_TENANT_MEMBER T ON T.USER_ID_ = M.USER_ID_ WHERE M.GROUP_ID_ = :group"
            + " UNION SELECT M.USER_ID_, T.TENANT_ID_ FROM ACT_ID_MEMBERSHIP M"
            + " JOIN ACT_ID_MEMBERSHIP G ON G.USER_ID_ = M.USER_ID_"
            + " JOIN ACT_ID_TENANT_MEMBER T ON T.GROUP_ID_ = G.GROUP_ID_ WHERE M.GROUP_ID_ = :group",
        Map.of("group", groupId),
        row -> {
          tenants
              .computeIfAbsent(row.getString("USER_ID_"), u -> new HashSet<>())
              .add(row.getString("TENANT_ID_"));
        });
    return tenants;
  }

  /** Each user's notification preference, as {@link NotificationPreferences#modeOf} reads it. */
  Map<String, NotificationMode> modesOf(Collection<String> userIds) {
    Map<String, NotificationMode> modes = new HashMap<>();
    List<String> ids = new ArrayList<>(userIds);
    for (int from = 0; from < ids.size(); from += PAGE) {
      List<String> part = ids.subList(from, Math.min(ids.size(), from + PAGE));
      part.forEach(id -> modes.put(id, NotificationMode.EACH));
      jdbc.query(
          "SELECT USER_ID_, VALUE_ FROM ACT_ID_INFO"
              + " WHERE KEY_ = :key AND PARENT_ID_ IS NULL AND USER_ID_ IN (:users)",
          Map.of("key", NotificationPreferences.KEY, "users", part),
          row -> {
            modes.put(
                row.getString("USER_ID_"), NotificationPreferences.parse(row.getString("VALUE_")));
          });
    }
    return modes;
  }

  private Map<String, Object> readAlone(Task task) {
    try {
      return taskService.getVariables(task.getId(), TaskFacts.VARIABLES);
    } catch (ProcessEngineException e) {
      // completed or deleted while the scan ran: the mail then names no campaign
      LOG.debug("Task {} left while scanning: {}", task.getId(), e.getMessage());
      return Map.of();
    }
  }
}
