package org.pathtovictory.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: how long one deadline scan (reminders for tasks due tomorrow, escalation of tasks
 * overdue within the look-back window) takes at each of {@code benchmark.sizes} open tasks (default
 * 10,000 and 100,000), due dates spread over 200 days. The tasks are copies (rows and candidate
 * links) of tasks of real process instances in ten local groups, each waiting for its group's press
 * liaison, so the scan reads people, groups and campaign variables as in production. Goal: ≤ 500 ms
 * at 100,000, linear at worst up to 1,000,000. A size whose tasks would take longer than {@code
 * benchmark.populate-minutes} (default 10) to add is left out, with the estimate. In {@code ./mvnw
 * -Pbench verify} on PostgreSQL; alone:
 *
 * <pre>
 * ./mvnw -Pbench verify -Dit.test=DeadlineScanBenchmark [-Dbenchmark.sizes=10000,100000]
 *   [-Dbenchmark.runs=20]
 * </pre>
 */
@SpringBootTest(properties = "spring.profiles.active=${benchmark.profiles:test,embedded-postgres}")
class DeadlineScanBenchmark {

  static final int TENANTS = 10;
  static final int TEMPLATES_PER_TENANT = 5;
  static final String GOAL = "p95 <= 500 ms at 100,000 open tasks; linear at worst to 1,000,000";

  @Autowired TaskNotifications notifications;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;

  private final List<Map<String, Object>> templates = new ArrayList<>();
  private final Map<String, List<Map<String, Object>>> templateLinks = new LinkedHashMap<>();

  @Test
  void scanTimes() {
    int runs = Integer.getInteger("benchmark.runs", 20);
    double populateLimit =
        Double.parseDouble(System.getProperty("benchmark.populate-minutes", "10"));
    List<Integer> sizes =
        Arrays.stream(System.getProperty("benchmark.sizes", "10000,100000").split(","))
            .map(String::strip)
            .map(Integer::valueOf)
            .sorted()
            .toList();
    templates();
    List<Map<String, Object>> results = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    double rowsPerSecond = 0;
    for (int size : sizes) {
      int toAdd = size - openTasks();
      if (rowsPerSecond > 0 && toAdd / rowsPerSecond / 60 > populateLimit) {
        leftOut.add(
            String.format(
                "%,d open tasks: adding %,d tasks would take about %.0f min at the %.0f tasks/s"
                    + " measured so far",
                size, toAdd, toAdd / rowsPerSecond / 60, rowsPerSecond));
        continue;
      }
      long t0 = System.nanoTime();
      insertCopies(toAdd);
      jdbc.execute("ANALYZE");
      rowsPerSecond = toAdd / ((System.nanoTime() - t0) / 1e9);
      Map<String, Object> figures = measure(size, runs);
      System.out.println("BENCHMARK deadline scan " + figures);
      results.add(figures);
      report(runs, results, leftOut);
    }
    report(runs, results, leftOut);
  }

  /** Written after each size, so a run stopped during a larger size keeps the smaller ones. */
  private void report(int runs, List<Map<String, Object>> results, List<String> leftOut) {
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("goal", GOAL);
    section.put("runs", runs);
    section.put("sizes", results);
    if (!leftOut.isEmpty()) {
      section.put("left_out", leftOut);
    }
    // the top-level figures: the largest size measured, as the other sections do
    Map<String, Object> largest = results.get(results.size() - 1);
    section.put("open_tasks", largest.get("open_tasks"));
    section.put("p50_ms", largest.get("p50_ms"));
    section.put("p95_ms", largest.get("p95_ms"));
    org.pathtovictory.bench.BenchReport.section(
        "deadlineScan",
        org.pathtovictory.bench.BenchReport.database(jdbc.getDataSource()),
        section);
  }

  private Map<String, Object> measure(int size, int runs) {
    List<Double> times = new ArrayList<>();
    // the first scan records the reminders and escalations; the timed ones after it find them
    // recorded already, as every later scan of a day does
    int reminders = 0;
    int escalations = 0;
    for (int i = -1; i < runs; i++) {
      long t0 = System.nanoTime();
      int reminded = notifications.remindDueTomorrow();
      int escalated = notifications.escalateOverdue(Duration.ofDays(7));
      if (i >= 0) {
        times.add((System.nanoTime() - t0) / 1_000_000.0);
      } else {
        reminders = reminded;
        escalations = escalated;
      }
    }
    Collections.sort(times);
    long dueTomorrow = dueBetween(1, 2);
    long overdue = dueBetween(-7, 0);
    // the work timed happened: each task due tomorrow and each overdue one was looked at
    if (dueTomorrow == 0 || recorded("REMINDER") < dueTomorrow) {
      throw new IllegalStateException(
          "Not every task due tomorrow has its reminder: " + dueTomorrow + " tasks");
    }
    if (overdue == 0 || recorded("OVERDUE") < overdue) {
      throw new IllegalStateException("Not every overdue task was escalated: " + overdue);
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("open_tasks", size);
    figures.put("p50_ms", Math.round(times.get(times.size() / 2) * 10) / 10.0);
    figures.put(
        "p95_ms", Math.round(times.get((int) Math.ceil(times.size() * 0.95) - 1) * 10) / 10.0);
    figures.put("max_ms", Math.round(times.get(times.size() - 1) * 10) / 10.0);
    figures.put("tasks_due_tomorrow", dueTomorrow);
    figures.put("tasks_overdue_in_window", overdue);
    figures.put("first_scan_reminders", reminders);
    figures.put("first_scan_escalations", escalations);
    return figures;
  }

  private long recorded(String kind) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM ptv_mail_outbox WHERE kind = ?", Long.class, kind);
  }

  private long dueBetween(int fromDays, int toDays) {
    LocalDate today = notifications.today();
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM ACT_RU_TASK WHERE DUE_DATE_ >= ? AND DUE_DATE_ < ?",
        Long.class,
        Timestamp.from(today.plusDays(fromDays).atStartOfDay(zone()).toInstant()),
        Timestamp.from(today.plusDays(toDays).atStartOfDay(zone()).toInstant()));
  }

  private int openTasks() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK", Integer.class);
  }

  private ZoneId zone() {
    return ZoneId.of("America/New_York");
  }

  /**
   * Ten local groups with a press liaison and a group lead each, and five campaigns (instances of
   * the notification test process) per group whose task waits for the press liaisons: the rows the
   * copies are made of.
   */
  private void templates() {
    repositoryService
        .createDeployment()
        .addClasspathResource("notification/notification-test.bpmn")
        .addClasspathResource("notification/notification-test.form")
        .enableDuplicateFiltering(true)
        .deploy();
    Date due =
        Date.from(notifications.today().plusDays(30).atTime(17, 0).atZone(zone()).toInstant());
    for (int t = 0; t < TENANTS; t++) {
      String tenant = "bench-group-" + t;
      identityService.saveTenant(identityService.newTenant(tenant));
      user("bench-press-" + t, "press-liaisons", tenant);
      user("bench-lead-" + t, "group-leads", tenant);
      for (int c = 0; c < TEMPLATES_PER_TENANT; c++) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("leadGroup", tenant);
        vars.put("candidateGroup", "press-liaisons");
        vars.put("assignee", null);
        vars.put("due", due);
        vars.put("candidateName", "Candidate " + t + "-" + c);
        vars.put("office", "U.S. House");
        vars.put("race", "XX-" + t);
        String instance =
            runtimeService.startProcessInstanceByKey("notification-test", vars).getId();
        String taskId =
            taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
        templates.add(upper(jdbc.queryForMap("SELECT * FROM ACT_RU_TASK WHERE ID_ = ?", taskId)));
        templateLinks.put(
            taskId,
            jdbc
                .queryForList("SELECT * FROM ACT_RU_IDENTITYLINK WHERE TASK_ID_ = ?", taskId)
                .stream()
                .map(DeadlineScanBenchmark::upper)
                .toList());
      }
    }
  }

  private void user(String id, String group, String tenant) {
    User user = identityService.newUser(id);
    user.setFirstName("Bench");
    user.setLastName(id);
    user.setEmail(id + "@bench.pathtovictory.test");
    identityService.saveUser(user);
    identityService.createMembership(id, group);
    identityService.createTenantUserMembership(tenant, id);
  }

  /** Copies of the template tasks and their candidate links, due from 100 days ago to 100 ahead. */
  private void insertCopies(int count) {
    LocalDate today = notifications.today();
    List<Object[]> tasks = new ArrayList<>();
    List<Object[]> links = new ArrayList<>();
    int start = openTasks();
    for (int i = 0; i < count; i++) {
      int n = start + i;
      Map<String, Object> template = templates.get(n % templates.size());
      Map<String, Object> task = new LinkedHashMap<>(template);
      String id = UUID.randomUUID().toString();
      task.put("ID_", id);
      task.put("NAME_", "Task " + n);
      task.put(
          "DUE_DATE_",
          Timestamp.from(today.plusDays(n % 201 - 100).atTime(17, 0).atZone(zone()).toInstant()));
      tasks.add(task.values().toArray());
      for (Map<String, Object> link : templateLinks.get((String) template.get("ID_"))) {
        Map<String, Object> copy = new LinkedHashMap<>(link);
        copy.put("ID_", UUID.randomUUID().toString());
        copy.put("TASK_ID_", id);
        links.add(copy.values().toArray());
      }
      if (tasks.size() == 5_000 || i == count - 1) {
        jdbc.batchUpdate(insert("ACT_RU_TASK", templates.get(0).keySet()), tasks);
        jdbc.batchUpdate(
            insert("ACT_RU_IDENTITYLINK", templateLinks.values().iterator().next().get(0).keySet()),
            links);
        tasks.clear();
        links.clear();
      }
    }
  }

  /** Column names as PostgreSQL (lower case) or H2 (upper case) gives them, upper-cased. */
  private static Map<String, Object> upper(Map<String, Object> row) {
    Map<String, Object> upper = new LinkedHashMap<>();
    row.forEach((column, value) -> upper.put(column.toUpperCase(), value));
    return upper;
  }

  private static String insert(String table, java.util.Set<String> columns) {
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?"))
        + ")";
  }
}
