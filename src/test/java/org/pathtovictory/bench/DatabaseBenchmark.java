package org.pathtovictory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.pathtovictory.OneTaskModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Not a test: what the database allows and how much of it the engine uses. The commit rate of
 * single-row transactions on the benchmark's database (embedded PostgreSQL in {@code -Pbench}), and
 * the engine's transactions per second on the same database: starting an instance of a one-task
 * process (the application's engine, with its plugins and full history), as a fraction. The two
 * alternate in rounds, so both see the same load of a shared machine.
 */
@SpringBootTest(properties = "spring.profiles.active=${benchmark.profiles:test}")
class DatabaseBenchmark {

  static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
  static final long ROUND_MS = Long.getLong("benchmark.roundMs", 3000);

  @Autowired DataSource dataSource;
  @Autowired ProcessEngine engine;

  @Test
  void commitRateAndTheEnginesShareOfIt() throws Exception {
    engine
        .getRepositoryService()
        .createDeployment()
        .addModelInstance(
            "bench-one-task.bpmn",
            OneTaskModel.named("bench-one-task", "One task, for the database benchmark"))
        .deploy();
    long commits = 0;
    long commitNanos = 0;
    long starts = 0;
    long startNanos = 0;
    long started = 0;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      try (var statement = connection.createStatement()) {
        statement.execute("create table if not exists ptv_bench_commit (id bigint primary key)");
        statement.execute("delete from ptv_bench_commit");
      }
      long id = 0;
      for (int round = -1; round < ROUNDS; round++) {
        // round -1 warms both up
        long t0 = System.nanoTime();
        long n = 0;
        try (var insert = connection.prepareStatement("insert into ptv_bench_commit values (?)")) {
          while (System.nanoTime() - t0 < ROUND_MS * 1_000_000) {
            insert.setLong(1, ++id);
            insert.executeUpdate();
            n++;
          }
        }
        long t1 = System.nanoTime();
        long m = 0;
        while (System.nanoTime() - t1 < ROUND_MS * 1_000_000) {
          engine.getRuntimeService().startProcessInstanceByKey("bench-one-task");
          m++;
        }
        started += m;
        long t2 = System.nanoTime();
        if (round >= 0) {
          commits += n;
          commitNanos += t1 - t0;
          starts += m;
          startNanos += t2 - t1;
        }
      }
      try (var statement = connection.createStatement()) {
        // the work timed happened: every insert committed, every instance waits at its task
        try (var rows = statement.executeQuery("select count(*) from ptv_bench_commit")) {
          rows.next();
          assertThat(rows.getLong(1)).as("rows committed").isEqualTo(id).isPositive();
        }
        statement.execute("drop table ptv_bench_commit");
      }
      assertThat(
              engine
                  .getTaskService()
                  .createTaskQuery()
                  .processDefinitionKey("bench-one-task")
                  .count())
          .as("instances started, each at its task")
          .isEqualTo(started)
          .isPositive();
    }
    double commitRate = commits / (commitNanos / 1e9);
    double engineRate = starts / (startNanos / 1e9);
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("single_row_commits_per_s", Math.round(commitRate));
    section.put("engine_tx_per_s", Math.round(engineRate * 10) / 10.0);
    section.put("engine_tx", "start of a one-user-task process instance, full history");
    section.put("engine_fraction", Math.round(engineRate / commitRate * 1000) / 1000.0);
    BenchReport.section("database", BenchReport.database(dataSource), section);
  }
}
