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
import org.pathtovictory.bench.LifecycleExtras.Extra;
import org.pathtovictory.endorsement.Intake;
import org.pathtovictory.notification.UnsubscribeLinksSwitch;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
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
 * bean the models name is a no-op that sets what the flow needs to take the same path. Each round
 * also runs the application with one of its extras switched off ({@link LifecycleExtras}), one
 * batch per extra, so the report breaks the difference down by extra ({@code breakdown}); the
 * batches run one campaign each in turn, so all see the same load of a shared machine.
 */
// a context (and so a database) of its own: the inbox benchmark leaves a million tasks in the
// shared one, the bare engine starts empty
@SpringBootTest(
    properties = {
      "spring.profiles.active=${benchmark.profiles:test}",
      "benchmark.context=lifecycle"
    })
@Import(UnsubscribeLinksSwitch.class)
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
    // -Dbenchmark.lifecycle.authorization=false: the whole run without the application's
    // authorization
    boolean authorization =
        !"false".equals(System.getProperty("benchmark.lifecycle.authorization"));
    app.getProcessEngineConfiguration().setAuthorizationEnabled(authorization);
    // -Dbenchmark.lifecycle.extras=labels,notification (or all, none): the extras switched off
    // one at a time, each in its own batch of every round
    List<Extra> extras =
        new ArrayList<>(Extra.named(System.getProperty("benchmark.lifecycle.extras")));
    if (!authorization) {
      extras.remove(Extra.AUTHORIZATION);
    }
    // what the application's start listener records is what the bare engine's no-op sets
    setToday(TODAY);
    ProcessInstance probe =
        app.getRuntimeService()
            .startProcessInstanceByKey(
                "post-endorsement", Intake.endorsementDaysBeforeElection(20));
    recorded = new HashMap<>(app.getRuntimeService().getVariables(probe.getId()));
    app.getRuntimeService().deleteProcessInstance(probe.getId(), "benchmark probe");
    LifecycleExtras switches = new LifecycleExtras(app, recorded);
    try (HikariDataSource bareData = bareDatabase();
        BareEngine bare = new BareEngine(bareData, recorded)) {
      // the batches: the bare engine, the application, the application without each extra (null:
      // nothing switched off)
      List<Batch> batches = new ArrayList<>();
      batches.add(new Batch("bare", bare.engine, null));
      batches.add(new Batch("app", app, null));
      extras.forEach(extra -> batches.add(new Batch("app without " + extra.key, app, extra)));
      for (int round = -1; round < ROUNDS; round++) {
        // round -1 warms all up. Campaign by campaign, each batch runs one in turn, and the batch
        // that goes first moves on each time: on a shared machine whose load changes by the
        // minute, all batches see the same load
        for (int c = 0; c < CAMPAIGNS; c++) {
          for (int i = 0; i < batches.size(); i++) {
            Batch batch = batches.get(Math.floorMod(i + c + round * CAMPAIGNS, batches.size()));
            try (LifecycleExtras.Off off =
                batch.extra == null ? () -> {} : switches.off(batch.extra)) {
              long t0 = System.nanoTime();
              batch.last = campaign(batch.engine);
              batch.roundNanos += System.nanoTime() - t0;
            }
          }
        }
        for (Batch batch : batches) {
          if (round >= 0) {
            batch.nanos += batch.roundNanos;
            batch.perRound.add(Math.round(CAMPAIGNS / (batch.roundNanos / 1e9) * 100) / 100.0);
          }
          batch.roundNanos = 0;
        }
      }
      Batch bareBatch = batches.get(0);
      Batch appBatch = batches.get(1);
      double appRate = appBatch.rate();
      double bareRate = bareBatch.rate();
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("app_per_s", Math.round(appRate * 100) / 100.0);
      section.put("bare_per_s", Math.round(bareRate * 100) / 100.0);
      section.put("ratio", Math.round(appRate / bareRate * 1000) / 1000.0);
      section.put("ratio_goal", ">= 0.80");
      // a trend across rounds shows work that grows with the campaigns already run
      section.put("app_rounds_per_s", appBatch.perRound);
      section.put("bare_rounds_per_s", bareBatch.perRound);
      // each extra's cost: the seconds per campaign it adds, as a share of the seconds the
      // application takes beyond the bare engine (shares need not add up to 1: what remains is
      // what no switch covers, e.g. the models' beans and the other plugins)
      double gap = 1 / appRate - 1 / bareRate;
      section.put("gap_ms_per_campaign", Math.round(gap * 1e4) / 10.0);
      Map<String, Object> breakdown = new LinkedHashMap<>();
      double shares = 0;
      for (Batch batch : batches.subList(2, batches.size())) {
        double cost = 1 / appRate - 1 / batch.rate();
        shares += cost / gap;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("share_of_gap", Math.round(cost / gap * 1000) / 1000.0);
        figures.put("ms_per_campaign", Math.round(cost * 1e4) / 10.0);
        figures.put("ratio_without", Math.round(batch.rate() / bareRate * 1000) / 1000.0);
        figures.put("what", batch.extra.what);
        breakdown.put(batch.extra.key, figures);
      }
      if (!extras.isEmpty()) {
        breakdown.put("not_covered", Math.round((1 - shares) * 1000) / 1000.0);
      }
      section.put("breakdown", breakdown);
      // where the difference goes: commits and rows written per campaign in each database, from
      // one more batch of each with every extra on
      section.putAll(writes(bare.engine, bareData));
      section.put("app_authorization", authorization);
      section.put("campaigns", ROUNDS * CAMPAIGNS);
      section.put("rounds", ROUNDS);
      // what one campaign is, counted in each engine's history (not typed in): the same on both
      Map<String, Long> appCampaign = counted(app, appBatch.last);
      Map<String, Long> bareCampaign = counted(bare.engine, bareBatch.last);
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

  /** One batch of each round: an engine, and for the application the extra switched off. */
  private static final class Batch {
    final String name;
    final ProcessEngine engine;
    final Extra extra;
    final List<Double> perRound = new ArrayList<>();
    long nanos;
    long roundNanos;
    ProcessInstance last;

    Batch(String name, ProcessEngine engine, Extra extra) {
      this.name = name;
      this.engine = engine;
      this.extra = extra;
    }

    double rate() {
      return BenchReport.measured(name + " per s", ROUNDS * CAMPAIGNS / (nanos / 1e9));
    }
  }

  /**
   * Commits and rows written per campaign in each database, and by table: one batch of campaigns on
   * each engine (the application with every extra on) between two readings of PostgreSQL's
   * statistics.
   */
  private Map<String, Object> writes(ProcessEngine bare, DataSource bareData) throws Exception {
    String[] databases = {catalog(dataSource), catalog(bareData)};
    Thread.sleep(1500); // PostgreSQL's statistics arrive up to a second late
    long[][] before = {written(databases[0]), written(databases[1])};
    List<Map<String, Long>> tablesBefore = List.of(rowsByTable(dataSource), rowsByTable(bareData));
    for (int c = 0; c < CAMPAIGNS; c++) {
      campaign(app);
      campaign(bare);
    }
    Thread.sleep(1500);
    long[][] after = {written(databases[0]), written(databases[1])};
    List<Map<String, Long>> tablesAfter = List.of(rowsByTable(dataSource), rowsByTable(bareData));
    Map<String, Object> writes = new LinkedHashMap<>();
    writes.put("app_commits_per_campaign", (after[0][0] - before[0][0]) / CAMPAIGNS);
    writes.put("bare_commits_per_campaign", (after[1][0] - before[1][0]) / CAMPAIGNS);
    writes.put("app_rows_written_per_campaign", (after[0][1] - before[0][1]) / CAMPAIGNS);
    writes.put("bare_rows_written_per_campaign", (after[1][1] - before[1][1]) / CAMPAIGNS);
    writes.put(
        "rows_per_campaign_by_table_app_bare", byTable(tablesBefore, tablesAfter, CAMPAIGNS));
    return writes;
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
      // a campaign of one group has no partner to tell of its result
      beans.put(
          "tellPartnersTheResult", (org.camunda.bpm.engine.delegate.JavaDelegate) execution -> {});
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
