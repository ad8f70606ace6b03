package org.pathtovictory.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.pathtovictory.identity.CampaignRole;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Open tasks by the hundred thousand for the benchmarks: copies of one task the engine created
 * (task, candidate-group link and the group's task authorization), so every row looks exactly like
 * the engine's own; on PostgreSQL with COPY, which makes 1,000,000 open tasks a matter of minutes
 * (the API would take hours). Task {@code i} belongs to local group (tenant) {@link #tenant}{@code
 * (i % tenants)} and to the role {@code (i / tenants) % roles}, so every group has tasks of every
 * role.
 */
public final class OpenTasksInBulk {

  private static final List<CampaignRole> ROLES = List.of(CampaignRole.values());

  private final JdbcTemplate jdbc;
  private final boolean postgres;
  private final int tenants;
  private final Map<String, Object> taskTemplate;
  private final Map<String, Object> linkTemplate;
  private final Map<String, Object> authTemplate;
  private int inserted;

  /**
   * Creates the one template task through the engine (it counts as the first of the open tasks).
   */
  public OpenTasksInBulk(
      TaskService taskService, JdbcTemplate jdbc, String databaseType, int tenants) {
    this.jdbc = jdbc;
    this.postgres = "postgres".equals(databaseType);
    this.tenants = tenants;
    String group = CampaignRole.CANVASS_LEAD.groupId();
    Task task = taskService.newTask();
    task.setName("Template");
    task.setTenantId(tenant(7));
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), group);
    taskTemplate = jdbc.queryForMap("select * from ACT_RU_TASK where ID_ = ?", task.getId());
    linkTemplate =
        jdbc.queryForMap("select * from ACT_RU_IDENTITYLINK where TASK_ID_ = ?", task.getId());
    authTemplate =
        jdbc.queryForMap(
            "select * from ACT_RU_AUTHORIZATION where RESOURCE_ID_ = ? and GROUP_ID_ = ?",
            task.getId(),
            group);
    inserted = 1;
  }

  /** The id of the local group (tenant) number {@code i}: bench-0000, bench-0001, ... */
  public static String tenant(int i) {
    return String.format("bench-%04d", i);
  }

  /** How many open tasks exist so far (the template included). */
  public int inserted() {
    return inserted;
  }

  /** Inserts open tasks until there are {@code size}. */
  public void insertUpTo(int size) {
    List<Object[]> tasks = new ArrayList<>();
    List<Object[]> links = new ArrayList<>();
    List<Object[]> auths = new ArrayList<>();
    long now = System.currentTimeMillis();
    while (inserted < size) {
      String id = UUID.randomUUID().toString();
      String tenant = tenant(inserted % tenants);
      String group = ROLES.get((inserted / tenants) % ROLES.size()).groupId();
      java.sql.Timestamp created = new java.sql.Timestamp(now - inserted * 1000L);
      tasks.add(
          row(
              taskTemplate,
              Map.of(
                  "ID_", id,
                  "NAME_", "Task " + inserted,
                  "TENANT_ID_", tenant,
                  "CREATE_TIME_", created,
                  "LAST_UPDATED_", created)));
      links.add(
          row(
              linkTemplate,
              Map.of(
                  "ID_", UUID.randomUUID().toString(),
                  "TASK_ID_", id,
                  "GROUP_ID_", group,
                  "TENANT_ID_", tenant)));
      auths.add(
          row(
              authTemplate,
              Map.of("ID_", UUID.randomUUID().toString(), "RESOURCE_ID_", id, "GROUP_ID_", group)));
      inserted++;
      if (tasks.size() == 20_000 || inserted == size) {
        if (postgres) {
          // COPY: a million tasks (three million rows) in minutes rather than an hour
          copy("ACT_RU_TASK", taskTemplate, tasks);
          copy("ACT_RU_IDENTITYLINK", linkTemplate, links);
          copy("ACT_RU_AUTHORIZATION", authTemplate, auths);
        } else {
          jdbc.batchUpdate(insert("ACT_RU_TASK", taskTemplate), tasks);
          jdbc.batchUpdate(insert("ACT_RU_IDENTITYLINK", linkTemplate), links);
          jdbc.batchUpdate(insert("ACT_RU_AUTHORIZATION", authTemplate), auths);
        }
        tasks.clear();
        links.clear();
        auths.clear();
      }
    }
  }

  /** The same rows through PostgreSQL's COPY (CSV: an empty unquoted field is NULL). */
  private void copy(String table, Map<String, Object> template, List<Object[]> rows) {
    StringBuilder csv = new StringBuilder(rows.size() * 200);
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          csv.append(',');
        }
        Object value = row[i];
        if (value instanceof String text) {
          csv.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else if (value instanceof java.util.Date date && !(value instanceof java.sql.Timestamp)) {
          csv.append(new java.sql.Timestamp(date.getTime()));
        } else if (value != null) {
          csv.append(value);
        }
      }
      csv.append('\n');
    }
    String sql =
        "COPY " + table + " (" + String.join(", ", template.keySet()) + ") FROM STDIN (FORMAT csv)";
    jdbc.execute(
        (org.springframework.jdbc.core.ConnectionCallback<Long>)
            connection -> {
              try {
                return new org.postgresql.copy.CopyManager(
                        connection.unwrap(org.postgresql.core.BaseConnection.class))
                    .copyIn(sql, new java.io.StringReader(csv.toString()));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  private static Object[] row(Map<String, Object> template, Map<String, Object> changes) {
    Map<String, Object> values = new LinkedHashMap<>(template);
    for (String column : template.keySet()) {
      for (Map.Entry<String, Object> change : changes.entrySet()) {
        if (column.equalsIgnoreCase(change.getKey())) {
          values.put(column, change.getValue());
        }
      }
    }
    return values.values().toArray();
  }

  private static String insert(String table, Map<String, Object> template) {
    return "insert into "
        + table
        + " ("
        + String.join(", ", template.keySet())
        + ") values ("
        + String.join(", ", Collections.nCopies(template.size(), "?"))
        + ")";
  }
}
