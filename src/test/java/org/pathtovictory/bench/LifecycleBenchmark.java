package org.pathtovictory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pathtovictory.CampaignDriver;
import org.pathtovictory.endorsement.Intake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Not a test: what the application costs on top of the engine. Whole campaigns, from the
 * endorsement to the wrap-up (compliance gateway, quick plan, firewall acknowledgement, the
 * get-out-the-vote timer, five GOTV tasks, the election-day timer, the result, three wrap-up
 * tasks), driven through the Java API with the same calls twice on the same PostgreSQL server: once
 * through this application's engine (its plugins, listeners, intake validation, form rules, mail
 * outbox, authorization and all) and once through a bare Camunda engine of its own database,
 * without any of our plugins, deploying the same {@code processes/} and {@code forms/}, where every
 * bean the models name is a no-op that sets what the flow needs to take the same path. Rounds
 * alternate between the two, so both see the same load of a shared machine.
 */
// a context (and so a database) of its own: the inbox benchmark leaves a million tasks in the
// shared one, the bare engine starts empty
@SpringBootTest(
    properties = {
      "spring.profiles.active=${benchmark.profiles:test}",
      "benchmark.context=lifecycle"
    })
@DirtiesContext
class LifecycleBenchmark {

  static final int ROUNDS = Integer.getInteger("benchmark.lifecycle.rounds", 5);
  static final int CAMPAIGNS = Integer.getInteger("benchmark.lifecycle.campaigns", 10);
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
  static final String ITHACA = "ny24-ithaca";

  @Autowired ProcessEngine app;
  @Autowired DataSource dataSource;

  /** What the application's start listener recorded, replayed by the bare engine's no-op. */
  private Map<String, Object> recorded;

  @Test
  void applicationAgainstBareEngine() throws Exception {
    fixtures(app.getIdentityService());
    // -Dbenchmark.lifecycle.authorization=false: how much of the difference authorization is
    boolean authorization =
        !"false".equals(System.getProperty("benchmark.lifecycle.authorization"));
    app.getProcessEngineConfiguration().setAuthorizationEnabled(authorization);
    // what the application's start listener records is what the bare engine's no-op sets
    setToday(TODAY);
    ProcessInstance probe =
        app.getRuntimeService()
            .startProcessInstanceByKey(
                "post-endorsement", Intake.endorsementDaysBeforeElection(20));
    recorded = new HashMap<>(app.getRuntimeService().getVariables(probe.getId()));
    app.getRuntimeService().deleteProcessInstance(probe.getId(), "benchmark probe");
    try (HikariDataSource bareData = bareDatabase();
        BareEngine bare = new BareEngine(bareData, recorded)) {
      String[] databases = {catalog(dataSource), catalog(bareData)};
      long[][] before = {written(databases[0]), written(databases[1])};
      List<Map<String, Long>> tablesBefore =
          List.of(rowsByTable(dataSource), rowsByTable(bareData));
      long[] nanos = new long[2];
      List<List<Double>> perRound = List.of(new ArrayList<>(), new ArrayList<>());
      ProcessInstance[] last = new ProcessInstance[2];
      for (int round = -1; round < ROUNDS; round++) {
        // round -1 warms both up; then the engine that goes first alternates
        for (int side : round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
          ProcessEngine engine = side == 0 ? app : bare.engine;
          long t0 = System.nanoTime();
          for (int i = 0; i < CAMPAIGNS; i++) {
            last[side] = campaign(engine);
          }
          if (round >= 0) {
            long elapsed = System.nanoTime() - t0;
            nanos[side] += elapsed;
            perRound.get(side).add(Math.round(CAMPAIGNS / (elapsed / 1e9) * 100) / 100.0);
          }
        }
      }
      Thread.sleep(1500); // PostgreSQL's statistics arrive up to a second late
      long[][] after = {written(databases[0]), written(databases[1])};
      List<Map<String, Long>> tablesAfter = List.of(rowsByTable(dataSource), rowsByTable(bareData));
      int measured = (ROUNDS + 1) * CAMPAIGNS;
      double appRate = ROUNDS * CAMPAIGNS / (nanos[0] / 1e9);
      double bareRate = ROUNDS * CAMPAIGNS / (nanos[1] / 1e9);
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("app_per_s", Math.round(appRate * 100) / 100.0);
      section.put("bare_per_s", Math.round(bareRate * 100) / 100.0);
      section.put("ratio", Math.round(appRate / bareRate * 1000) / 1000.0);
      // a trend across rounds shows work that grows with the campaigns already run
      section.put("app_rounds_per_s", perRound.get(0));
      section.put("bare_rounds_per_s", perRound.get(1));
      // where the difference goes: commits and rows written per campaign in each database
      section.put("app_commits_per_campaign", (after[0][0] - before[0][0]) / measured);
      section.put("bare_commits_per_campaign", (after[1][0] - before[1][0]) / measured);
      section.put("app_rows_written_per_campaign", (after[0][1] - before[0][1]) / measured);
      section.put("bare_rows_written_per_campaign", (after[1][1] - before[1][1]) / measured);
      section.put(
          "rows_per_campaign_by_table_app_bare", byTable(tablesBefore, tablesAfter, measured));
      section.put("app_authorization", authorization);
      section.put("campaigns", ROUNDS * CAMPAIGNS);
      section.put("rounds", ROUNDS);
      // what one campaign is, counted in each engine's history (not typed in): the same on both
      Map<String, Long> appCampaign = counted(app, last[0]);
      Map<String, Long> bareCampaign = counted(bare.engine, last[1]);
      assertThat(bareCampaign).as("the bare engine's campaign").isEqualTo(appCampaign);
      assertThat(appCampaign.get("tasks")).as("tasks of a campaign").isPositive();
      assertThat(appCampaign.get("timers")).as("timers of a campaign").isPositive();
      section.put(
          "campaign",
          "GOTV_ONLY track, general election won: start, compliance, quick plan, firewall,"
              + " GOTV timer, GOTV tasks, election-day timer, result, wrap-up tasks;"
              + " no user signed in");
      section.put("campaign_tasks", appCampaign.get("tasks"));
      section.put("campaign_timers", appCampaign.get("timers"));
      section.put("campaign_called_instances", appCampaign.get("called_instances"));
      BenchReport.section(
          "lifecycle",
          BenchReport.database(dataSource) + " (both engines, each its own database)",
          section);
      System.out.println("BENCHMARK lifecycle " + section);
    } finally {
      ClockUtil.reset();
      app.getProcessEngineConfiguration().setAuthorizationEnabled(true);
    }
  }

  /**
   * One campaign from the endorsement to the wrap-up, the same calls on either engine (the steps of
   * {@code ElectionResultProcessTest.generalElectionWonWrapsUp} with {@link CampaignDriver}'s form
   * values).
   */
  static ProcessInstance campaign(ProcessEngine engine) {
    return campaign(engine, Intake.endorsementDaysBeforeElection(20), Partners.NONE);
  }

  /** What a joint campaign's partner groups do at each stage of the lead's walk. */
  interface Partners {
    Partners NONE = new Partners() {};

    default void afterPlan(ProcessInstance lead) {}

    default void afterGotvStarts(ProcessInstance lead) {}

    default void afterResult(ProcessInstance lead) {}
  }

  /** The same walk for any intake; a joint campaign's partners do their part between the steps. */
  static ProcessInstance campaign(
      ProcessEngine engine, Map<String, Object> intake, Partners partners) {
    setToday(TODAY);
    ProcessInstance pi =
        engine.getRuntimeService().startProcessInstanceByKey("post-endorsement", intake);
    ProcessInstance gateway = called(engine, pi, "compliance-review");
    if (gateway != null) {
      Task spending = taskOf(engine, gateway, "Task_ReviewPlannedSpending");
      if (spending != null) {
        complete(engine, spending, Map.of("spendingDecision", "APPROVED"));
      }
      acknowledgeFirewall(engine, gateway);
    }
    Map<String, Object> plan = new HashMap<>(CampaignDriver.leads());
    plan.put("voterContactProgram", "CAMPAIGN");
    plan.put("planSummary", "Knock doors every evening.");
    complete(engine, taskOf(engine, pi, "Task_MakeQuickPlan"), plan);
    acknowledgeFirewall(engine, pi);
    partners.afterPlan(pi);
    setToday(TODAY.plusDays(6));
    fire(engine, pi, "TimerEvent_GotvStarts");
    partners.afterGotvStarts(pi);
    complete(
        engine,
        taskOf(engine, pi, "Task_PlanGotvShifts"),
        Map.of(
            "gotvShiftsPlanned",
            20L,
            "gotvVolunteersScheduled",
            45L,
            "gotvVolunteersToldEarly",
            true));
    complete(
        engine, taskOf(engine, pi, "Task_KnockDoorsForGotv"), Map.of("gotvDoorsKnocked", 900L));
    complete(
        engine,
        taskOf(engine, pi, "Task_ConfirmGotvVolunteers"),
        Map.of("gotvVolunteersConfirmed", 41L));
    complete(engine, taskOf(engine, pi, "Task_MakeGotvCalls"), Map.of("gotvCallsMade", 1500L));
    complete(
        engine,
        taskOf(engine, pi, "Task_SendGotvTexts"),
        Map.of("joinedIndivisibleTexting", true, "gotvTextsSent", 5000L));
    setToday(TODAY.plusDays(21));
    fire(engine, pi, "TimerEvent_WaitForElectionDay");
    complete(
        engine, taskOf(engine, pi, "Task_RecordElectionResult"), Map.of("electionResult", "WON"));
    partners.afterResult(pi);
    complete(
        engine,
        taskOf(engine, pi, "Task_ThankVolunteers"),
        Map.of("volunteersThanked", 45L, "thankYouMethod", "Potluck"));
    complete(
        engine,
        taskOf(engine, pi, "Task_HoldDebrief"),
        Map.of("debriefDate", "2026-06-28", "lessonsLearned", "Start earlier."));
    complete(
        engine, taskOf(engine, pi, "Task_ReportToOrganizer"), Map.of("finalReport", "We won!"));
    // the same path on both: the campaign has wrapped up
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(pi.getId())
                .activityId("EndEvent_CampaignWrappedUp")
                .count())
        .as("campaign wrapped up")
        .isEqualTo(1);
    return pi;
  }

  /** Tasks, fired timers and called instances of one campaign, from the engine's history. */
  private static Map<String, Long> counted(ProcessEngine engine, ProcessInstance campaign) {
    var history = engine.getHistoryService();
    List<String> instances = new ArrayList<>(List.of(campaign.getId()));
    for (int i = 0; i < instances.size(); i++) {
      history
          .createHistoricProcessInstanceQuery()
          .superProcessInstanceId(instances.get(i))
          .list()
          .forEach(called -> instances.add(called.getId()));
    }
    long tasks = 0;
    long timers = 0;
    for (String instance : instances) {
      tasks += history.createHistoricTaskInstanceQuery().processInstanceId(instance).count();
      timers +=
          history
              .createHistoricJobLogQuery()
              .processInstanceId(instance)
              .successLog()
              .list()
              .stream()
              .filter(log -> String.valueOf(log.getJobDefinitionType()).startsWith("timer"))
              .count();
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("tasks", tasks);
    counts.put("timers", timers);
    counts.put("called_instances", instances.size() - 1L);
    return counts;
  }

  private static void acknowledgeFirewall(ProcessEngine engine, ProcessInstance pi) {
    ProcessInstance acknowledgement = called(engine, pi, "firewall-acknowledgement");
    if (acknowledgement != null) {
      complete(
          engine,
          taskOf(engine, acknowledgement, "Task_AcknowledgeFirewall"),
          Map.of("firewallAcknowledged", true));
    }
  }

  private static ProcessInstance called(ProcessEngine engine, ProcessInstance pi, String key) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .superProcessInstanceId(pi.getId())
        .processDefinitionKey(key)
        .singleResult();
  }

  private static Task taskOf(ProcessEngine engine, ProcessInstance pi, String key) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(pi.getId())
        .taskDefinitionKey(key)
        .singleResult();
  }

  private static void complete(ProcessEngine engine, Task task, Map<String, Object> values) {
    assertThat(task).as("task waiting").isNotNull();
    engine.getTaskService().complete(task.getId(), values);
  }

  private static void fire(ProcessEngine engine, ProcessInstance pi, String timer) {
    Job job =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(pi.getId())
            .activityId(timer)
            .singleResult();
    assertThat(job).as(timer).isNotNull();
    engine.getManagementService().executeJob(job.getId());
  }

  static void setToday(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(9, 0).atZone(ZONE).toInstant()));
  }

  private static String catalog(DataSource data) throws java.sql.SQLException {
    try (var connection = data.getConnection()) {
      return connection.getCatalog();
    }
  }

  /** Commits and rows inserted, updated or deleted so far in one database (0, 0 on H2). */
  private long[] written(String database) throws java.sql.SQLException {
    try (var connection = dataSource.getConnection()) {
      if (!connection.getMetaData().getURL().startsWith("jdbc:postgresql:")) {
        return new long[2];
      }
      try (var statement =
          connection.prepareStatement(
              "select xact_commit, tup_inserted + tup_updated + tup_deleted"
                  + " from pg_stat_database where datname = ?")) {
        statement.setString(1, database);
        try (var rs = statement.executeQuery()) {
          rs.next();
          return new long[] {rs.getLong(1), rs.getLong(2)};
        }
      }
    }
  }

  /**
   * Rows inserted, updated or deleted so far in each table of one database ({@code
   * pg_stat_user_tables}; empty on H2).
   */
  private static Map<String, Long> rowsByTable(DataSource data) throws java.sql.SQLException {
    Map<String, Long> rows = new java.util.TreeMap<>();
    try (var connection = data.getConnection()) {
      if (!connection.getMetaData().getURL().startsWith("jdbc:postgresql:")) {
        return rows;
      }
      try (var statement =
              connection.prepareStatement(
                  "select relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables");
          var rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getLong(2));
        }
      }
    }
    return rows;
  }

  /**
   * Rows written per campaign in each table, {@code [app, bare]}, the tables where the two differ
   * most first: where the application's extra writes go.
   */
  private static Map<String, List<Long>> byTable(
      List<Map<String, Long>> before, List<Map<String, Long>> after, int campaigns) {
    java.util.Set<String> tables = new java.util.TreeSet<>(after.get(0).keySet());
    tables.addAll(after.get(1).keySet());
    Map<String, List<Long>> rows = new LinkedHashMap<>();
    tables.stream()
        .map(
            table -> {
              long[] perCampaign = new long[2];
              for (int side = 0; side < 2; side++) {
                perCampaign[side] =
                    (after.get(side).getOrDefault(table, 0L)
                            - before.get(side).getOrDefault(table, 0L))
                        / campaigns;
              }
              return Map.entry(table, perCampaign);
            })
        .filter(entry -> entry.getValue()[0] != entry.getValue()[1])
        .sorted(
            (a, b) ->
                Long.compare(
                    Math.abs(b.getValue()[0] - b.getValue()[1]),
                    Math.abs(a.getValue()[0] - a.getValue()[1])))
        .limit(12)
        .forEach(
            entry -> rows.put(entry.getKey(), List.of(entry.getValue()[0], entry.getValue()[1])));
    return rows;
  }

  /** The local group and its leads, as the process tests have them. */
  static void fixtures(IdentityService identity) {
    if (identity.createTenantQuery().tenantId(ITHACA).count() == 0) {
      identity.saveTenant(identity.newTenant(ITHACA));
    }
    Map<String, String> volunteers =
        Map.of(
            "ithaca-canvass", "canvass-leads",
            "ithaca-press", "press-liaisons",
            "ithaca-recruit", "recruitment-captains",
            "ithaca-phones", "phonebank-leads");
    volunteers.forEach(
        (userId, groupId) -> {
          if (identity.createUserQuery().userId(userId).count() > 0) {
            return;
          }
          var user = identity.newUser(userId);
          user.setFirstName(userId);
          user.setLastName("Volunteer");
          user.setEmail(userId + "@example.org");
          identity.saveUser(user);
          identity.createMembership(userId, groupId);
          identity.createTenantUserMembership(ITHACA, userId);
        });
  }

  /** A database of its own on the application's PostgreSQL server (or H2) for the bare engine. */
  private HikariDataSource bareDatabase() throws Exception {
    String url;
    try (var connection = dataSource.getConnection()) {
      url = connection.getMetaData().getURL();
      if (url.startsWith("jdbc:postgresql:")) {
        try (var statement = connection.createStatement()) {
          statement.execute("DROP DATABASE IF EXISTS ptv_bare_lifecycle");
          statement.execute("CREATE DATABASE ptv_bare_lifecycle");
        }
        String database = connection.getCatalog();
        url = url.replace("/" + database, "/ptv_bare_lifecycle");
      } else {
        url = "jdbc:h2:mem:ptv-bare-lifecycle;DB_CLOSE_DELAY=-1";
      }
    }
    HikariDataSource bare = new HikariDataSource();
    bare.setJdbcUrl(url);
    bare.setUsername("postgres");
    bare.setPassword("postgres");
    if (url.startsWith("jdbc:h2:")) {
      bare.setUsername("sa");
      bare.setPassword("");
    }
    return bare;
  }

  /**
   * Camunda as it comes: a standalone engine, full history, no plugins, no job executor (timers are
   * fired by the driver, as on the application's side), the application's beans as no-ops.
   */
  static final class BareEngine implements AutoCloseable {
    final ProcessEngine engine;

    BareEngine(DataSource dataSource, Map<String, Object> recorded) {
      StandaloneProcessEngineConfiguration configuration =
          new StandaloneProcessEngineConfiguration();
      configuration.setProcessEngineName("bench-bare");
      configuration.setDataSource(dataSource);
      configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
      configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
      configuration.setJobExecutorActivate(false);
      configuration.setBeans(noOpBeans(recorded));
      engine = configuration.buildProcessEngine();
      DeploymentBuilder deployment =
          engine.getRepositoryService().createDeployment().name("path-to-victory");
      PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
      for (String pattern :
          new String[] {
            "classpath*:processes/*.bpmn", "classpath*:processes/*.dmn", "classpath*:forms/*.form"
          }) {
        try {
          Arrays.stream(resolver.getResources(pattern))
              .sorted(Comparator.comparing(Resource::getFilename))
              .forEach(resource -> add(deployment, resource));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      deployment.deploy();
    }

    private static void add(DeploymentBuilder deployment, Resource resource) {
      try (InputStream in = resource.getInputStream()) {
        deployment.addInputStream(resource.getFilename(), in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Every bean the models name on this path, doing only what the path needs. */
    private static Map<Object, Object> noOpBeans(Map<String, Object> recorded) {
      Map<Object, Object> beans = new HashMap<>();
      beans.put(
          "recordEndorsement", (ExecutionListener) execution -> execution.setVariables(recorded));
      beans.put("dueDate", new NoOpDueDates());
      beans.put("campaignLeads", new NoOpLeads());
      beans.put("campaignCalendar", new NoOpCalendar());
      return beans;
    }

    @Override
    public void close() {
      engine.close();
    }
  }

  /** Due dates: a fixed day, no calendar. */
  public static final class NoOpDueDates {
    private static final Date DUE = new Date(0);

    public Date inDays(VariableScope scope, int days) {
      return DUE;
    }

    public Date beforeElection(VariableScope scope, int days) {
      return DUE;
    }

    public Date afterElection(VariableScope scope, int days) {
      return DUE;
    }
  }

  /** Leads: the named variable, unchecked. */
  public static final class NoOpLeads {
    public String assignee(VariableScope scope, String leadVariable) {
      Object lead = scope.getVariable(leadVariable);
      return lead instanceof String user ? user : null;
    }
  }

  /** The calendar question the path asks, answered from the recorded date. */
  public static final class NoOpCalendar {
    public boolean gotvStarted(VariableScope scope) {
      return !ClockUtil.getCurrentTime().before((Date) scope.getVariable("gotvStart"));
    }
  }
}
