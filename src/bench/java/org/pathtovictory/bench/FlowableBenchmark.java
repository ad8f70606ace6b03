package org.pathtovictory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.junit.jupiter.api.Test;

/**
 * Not a test: Camunda 7 against its closest peer, Flowable 7, on the same process and the same
 * PostgreSQL server (embedded, one database per engine), both engines plain (no plugins), full
 * history, no job executor. The process is generated for each engine from one description: a start,
 * an exclusive gateway on a variable, ten user tasks for three candidate groups with a due date, in
 * a sub-process with a 30-day interrupting timer (created with each instance, never fired, removed
 * when the tasks are done), an end. One unit of work is an instance started and its ten tasks found
 * and completed through the engine's Java API. Rounds alternate between the engines, so both see
 * the same load of a shared machine.
 *
 * <p>Both engines embed MyBatis: Maven resolves one version (3.5.15) for both, and each engine
 * builds its own MyBatis configuration from its own mappings, so they share one JVM.
 */
class FlowableBenchmark {

  static final int ROUNDS = Integer.getInteger("benchmark.flowable.rounds", 5);
  static final int INSTANCES = Integer.getInteger("benchmark.flowable.instances", 50);
  static final int TASKS = 10;
  static final List<String> GROUPS = List.of("canvass-leads", "phonebank-leads", "press-liaisons");

  @Test
  void camundaAgainstFlowable() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        HikariDataSource camundaData = database(postgres, "camunda_bench");
        HikariDataSource flowableData = database(postgres, "flowable_bench")) {
      ProcessEngine camunda = camunda(camundaData);
      org.flowable.engine.ProcessEngine flowable = flowable(flowableData);
      try {
        Runnable camundaInstance = () -> camundaInstance(camunda);
        Runnable flowableInstance = () -> flowableInstance(flowable);
        // the gateway's other way ends at once, on both
        camunda.getRuntimeService().startProcessInstanceByKey("bench-ten", variables("skip"));
        flowable.getRuntimeService().startProcessInstanceByKey("bench-ten", variables("skip"));
        assertThat(camunda.getRuntimeService().createProcessInstanceQuery().count()).isZero();
        assertThat(flowable.getRuntimeService().createProcessInstanceQuery().count()).isZero();
        // the task way: both create the timer with the instance, one task at a time, with its
        // candidate group and due date
        String camundaProbe =
            camunda
                .getRuntimeService()
                .startProcessInstanceByKey("bench-ten", variables("tasks"))
                .getId();
        String flowableProbe =
            flowable
                .getRuntimeService()
                .startProcessInstanceByKey("bench-ten", variables("tasks"))
                .getId();
        assertThat(camunda.getManagementService().createJobQuery().timers().count()).isEqualTo(1);
        assertThat(flowable.getManagementService().createTimerJobQuery().count()).isEqualTo(1);
        assertThat(
                camunda
                    .getTaskService()
                    .createTaskQuery()
                    .taskCandidateGroup("phonebank-leads")
                    .dueAfter(new Date())
                    .count())
            .isEqualTo(1);
        assertThat(
                flowable
                    .getTaskService()
                    .createTaskQuery()
                    .taskCandidateGroup("phonebank-leads")
                    .taskDueAfter(new Date())
                    .count())
            .isEqualTo(1);
        camunda.getRuntimeService().deleteProcessInstance(camundaProbe, "probe");
        flowable.getRuntimeService().deleteProcessInstance(flowableProbe, "probe");
        long[] nanos = new long[2];
        for (int round = -1; round < ROUNDS; round++) {
          // round -1 warms both up; then the engine that goes first alternates
          for (int side : round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
            Runnable instance = side == 0 ? camundaInstance : flowableInstance;
            long t0 = System.nanoTime();
            for (int i = 0; i < INSTANCES; i++) {
              instance.run();
            }
            if (round >= 0) {
              nanos[side] += System.nanoTime() - t0;
            }
          }
        }
        // every instance took the task path to the end, on both
        long done = (ROUNDS + 1L) * INSTANCES;
        assertThat(
                camunda
                    .getHistoryService()
                    .createHistoricTaskInstanceQuery()
                    .taskDeleteReason("completed")
                    .count())
            .isEqualTo(done * TASKS);
        assertThat(
                flowable.getHistoryService().createHistoricTaskInstanceQuery().finished().count())
            .isEqualTo(done * TASKS + 1);
        assertThat(camunda.getManagementService().createJobQuery().count()).isZero();
        assertThat(flowable.getManagementService().createTimerJobQuery().count()).isZero();
        assertThat(camunda.getRuntimeService().createProcessInstanceQuery().count()).isZero();
        assertThat(flowable.getRuntimeService().createProcessInstanceQuery().count()).isZero();
        double camundaRate = ROUNDS * INSTANCES / (nanos[0] / 1e9);
        double flowableRate = ROUNDS * INSTANCES / (nanos[1] / 1e9);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("camunda_per_s", Math.round(camundaRate * 10) / 10.0);
        section.put("flowable_per_s", Math.round(flowableRate * 10) / 10.0);
        section.put("ratio", Math.round(camundaRate / flowableRate * 1000) / 1000.0);
        section.put("instances", ROUNDS * INSTANCES);
        section.put("rounds", ROUNDS);
        section.put(
            "engines",
            "Camunda "
                + org.camunda.bpm.engine.impl.util.ProductPropertiesUtil.getProductVersion()
                + ", Flowable "
                + org.flowable.engine.ProcessEngine.VERSION
                + " (as the engines report themselves); full history, no job executor");
        section.put(
            "unit",
            "start (gateway on a variable) + ten user tasks (3 candidate groups, due date) in a"
                + " sub-process with a 30-day boundary timer, each task queried and completed");
        BenchReport.section(
            "flowable",
            "PostgreSQL " + postgresVersion(camundaData) + " (each engine its own database)",
            section);
        System.out.println("BENCHMARK flowable " + section);
      } finally {
        camunda.close();
        flowable.close();
      }
    }
  }

  private static Map<String, Object> variables(String route) {
    return Map.of("route", route, "due", new Date(System.currentTimeMillis() + 7 * 86_400_000L));
  }

  private static void camundaInstance(ProcessEngine engine) {
    String id =
        engine
            .getRuntimeService()
            .startProcessInstanceByKey("bench-ten", variables("tasks"))
            .getId();
    for (int i = 0; i < TASKS; i++) {
      var task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult();
      engine.getTaskService().complete(task.getId());
    }
  }

  private static void flowableInstance(org.flowable.engine.ProcessEngine engine) {
    String id =
        engine
            .getRuntimeService()
            .startProcessInstanceByKey("bench-ten", variables("tasks"))
            .getId();
    for (int i = 0; i < TASKS; i++) {
      var task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult();
      engine.getTaskService().complete(task.getId());
    }
  }

  private static ProcessEngine camunda(HikariDataSource dataSource) {
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("bench-camunda");
    configuration.setDataSource(dataSource);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    ProcessEngine engine = configuration.buildProcessEngine();
    engine
        .getRepositoryService()
        .createDeployment()
        .addInputStream("bench-ten.bpmn", model("camunda", "http://camunda.org/schema/1.0/bpmn"))
        .deploy();
    return engine;
  }

  private static org.flowable.engine.ProcessEngine flowable(HikariDataSource dataSource) {
    var configuration = new org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration();
    configuration.setEngineName("bench-flowable");
    configuration.setDataSource(dataSource);
    configuration.setDatabaseSchemaUpdate(
        org.flowable.common.engine.impl.AbstractEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    configuration.setHistoryLevel(HistoryLevel.FULL);
    configuration.setAsyncExecutorActivate(false);
    // what Camunda does not have in its engine either: a separate identity engine, event registry
    configuration.setDisableIdmEngine(true);
    configuration.setDisableEventRegistry(true);
    org.flowable.engine.ProcessEngine engine = configuration.buildProcessEngine();
    engine
        .getRepositoryService()
        .createDeployment()
        .addInputStream("bench-ten.bpmn20.xml", model("flowable", "http://flowable.org/bpmn"))
        .deploy();
    return engine;
  }

  /** The one process, in the extension namespace of either engine. */
  static ByteArrayInputStream model(String prefix, String namespace) {
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"")
        .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
        .append(" xmlns:")
        .append(prefix)
        .append("=\"")
        .append(namespace)
        .append("\" targetNamespace=\"https://pathtovictory.org/bench\">\n")
        .append("<process id=\"bench-ten\" name=\"Ten tasks\" isExecutable=\"true\"");
    if (prefix.equals("camunda")) {
      xml.append(" camunda:historyTimeToLive=\"P1D\"");
    }
    xml.append(">\n")
        .append("<startEvent id=\"start\"/>\n")
        .append("<sequenceFlow id=\"toGateway\" sourceRef=\"start\" targetRef=\"route\"/>\n")
        .append("<exclusiveGateway id=\"route\" default=\"skip\"/>\n")
        .append("<sequenceFlow id=\"work\" sourceRef=\"route\" targetRef=\"tasks\">")
        .append("<conditionExpression xsi:type=\"tFormalExpression\">")
        .append("${route == 'tasks'}</conditionExpression></sequenceFlow>\n")
        .append("<sequenceFlow id=\"skip\" sourceRef=\"route\" targetRef=\"end\"/>\n")
        .append("<subProcess id=\"tasks\">\n<startEvent id=\"tasksStart\"/>\n");
    String previous = "tasksStart";
    for (int i = 1; i <= TASKS; i++) {
      String task = "task" + i;
      xml.append("<sequenceFlow id=\"to")
          .append(task)
          .append("\" sourceRef=\"")
          .append(previous)
          .append("\" targetRef=\"")
          .append(task)
          .append("\"/>\n<userTask id=\"")
          .append(task)
          .append("\" name=\"Task ")
          .append(i)
          .append("\" ")
          .append(prefix)
          .append(":candidateGroups=\"")
          .append(GROUPS.get(i % GROUPS.size()))
          .append("\" ")
          .append(prefix)
          .append(":dueDate=\"${due}\"/>\n");
      previous = task;
    }
    xml.append("<sequenceFlow id=\"toTasksEnd\" sourceRef=\"")
        .append(previous)
        .append("\" targetRef=\"tasksEnd\"/>\n<endEvent id=\"tasksEnd\"/>\n</subProcess>\n")
        .append("<boundaryEvent id=\"late\" attachedToRef=\"tasks\" cancelActivity=\"true\">")
        .append("<timerEventDefinition><timeDuration>P30D</timeDuration></timerEventDefinition>")
        .append("</boundaryEvent>\n")
        .append("<sequenceFlow id=\"lateToEnd\" sourceRef=\"late\" targetRef=\"end\"/>\n")
        .append("<sequenceFlow id=\"doneToEnd\" sourceRef=\"tasks\" targetRef=\"end\"/>\n")
        .append("<endEvent id=\"end\"/>\n</process>\n</definitions>\n");
    return new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static HikariDataSource database(EmbeddedPostgres postgres, String name)
      throws Exception {
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", name));
    dataSource.setUsername("postgres");
    dataSource.setPassword("postgres");
    dataSource.setMaximumPoolSize(4);
    return dataSource;
  }

  private static String postgresVersion(HikariDataSource dataSource) throws Exception {
    try (var connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductVersion();
    }
  }
}
