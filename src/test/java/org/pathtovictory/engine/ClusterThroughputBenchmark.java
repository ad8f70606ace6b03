package org.pathtovictory.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Not a test: jobs per second (timers firing into a user task whose mail is sent) on one node, then
 * on two nodes, on the same PostgreSQL, in one run; beside them the database's commit rate while
 * the jobs ran, the commits each job costs, and the commit rate the database reaches at all with
 * tiny transactions (the ceiling). Run it as a regular user after {@code package}:
 *
 * <pre>
 * ./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -DskipPostgresTests
 *   -Dit.test=ClusterThroughputBenchmark [-Dbenchmark.jobs=600]
 * </pre>
 */
class ClusterThroughputBenchmark {

  @Test
  void jobsPerSecondOnOneNodeAndOnTwo() throws Exception {
    int jobs = Integer.getInteger("benchmark.jobs", 600);
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("jobs_per_phase", jobs);
    section.put(
        "job", "a timer firing into a user task whose mail the SMTP server accepts, on two cores");
    try (Cluster cluster = new Cluster("cluster-benchmark")) {
      Map<String, String> settings = Cluster.quickSettings();
      Cluster.Node a = cluster.start("node-a", settings, List.of());
      a.awaitReady(Duration.ofMinutes(4));
      ClusterSteps steps = new ClusterSteps(cluster);
      steps.deployCheckModel(a);
      steps.createVolunteer(a, "bench-vol");
      section.put("one_node", phase(cluster, steps, List.of(a), jobs));
      Cluster.Node b = cluster.start("node-b", settings, List.of());
      b.awaitReady(Duration.ofMinutes(4));
      section.put("two_nodes", phase(cluster, steps, List.of(a, b), jobs));
      section.put("ceiling_commits_per_s", ceiling(cluster));
      section.put("ceiling", "4 connections, one-row update per commit, 5 s");
      System.out.println("BENCHMARK cluster " + section);
      org.pathtovictory.bench.BenchReport.section(
          "cluster",
          org.pathtovictory.bench.BenchReport.database(
              cluster.postgres.getDatabase("postgres", Cluster.DATABASE)),
          section);
    }
  }

  /**
   * Starts {@code jobs} campaigns whose timers wait far ahead, then makes every timer due at once
   * and measures until each campaign's first step exists and its mail was accepted by the SMTP
   * server.
   */
  private Map<String, Object> phase(
      Cluster cluster, ClusterSteps steps, List<Cluster.Node> nodes, int jobs) throws Exception {
    String label = nodes.size() + " node(s)";
    String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Instant later = Instant.now().plus(Duration.ofDays(30));
    for (int i = 0; i < jobs; i++) {
      steps.startCampaign(
          nodes.get(i % nodes.size()), prefix + i, "Bench " + i, later, "bench-vol");
    }
    int mailsBefore = newTaskMails(cluster);
    long commitsBefore = commits(cluster);
    long t0 = System.nanoTime();
    cluster.jdbc.update(
        "UPDATE act_ru_job SET duedate_ = now() - interval '1 second' WHERE process_instance_id_"
            + " IN (SELECT id_ FROM act_ru_execution WHERE business_key_ LIKE ?)",
        prefix + "%");
    while (newTaskMails(cluster) - mailsBefore < jobs) {
      if (System.nanoTime() - t0 > Duration.ofMinutes(10).toNanos()) {
        throw new AssertionError(label + ": not done within 10 minutes");
      }
      Thread.sleep(20);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long commits = commits(cluster) - commitsBefore;
    // the work timed happened: no timer of the phase is left, each campaign waits at its step
    Long timersLeft =
        cluster.jdbc.queryForObject(
            "SELECT COUNT(*) FROM act_ru_job WHERE process_instance_id_ IN (SELECT id_ FROM"
                + " act_ru_execution WHERE business_key_ LIKE ?)",
            Long.class,
            prefix + "%");
    Long stepsReached =
        cluster.jdbc.queryForObject(
            "SELECT COUNT(*) FROM act_ru_task t JOIN act_ru_execution e ON e.id_ ="
                + " t.proc_inst_id_ WHERE e.business_key_ LIKE ?",
            Long.class,
            prefix + "%");
    if (timersLeft != 0 || stepsReached != jobs) {
      throw new AssertionError(
          label + ": " + timersLeft + " timers left, " + stepsReached + " of " + jobs + " reached");
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("seconds", Math.round(seconds * 10) / 10.0);
    figures.put("jobs_per_s", Math.round(jobs / seconds * 10) / 10.0);
    figures.put("database_commits_per_s", Math.round(commits / seconds));
    figures.put("commits_per_job", Math.round((double) commits / jobs * 10) / 10.0);
    return figures;
  }

  /** Mails about a new first step (the reminders the scan sends meanwhile do not count). */
  private static int newTaskMails(Cluster cluster) throws Exception {
    int n = 0;
    for (var message : cluster.smtp.getReceivedMessages()) {
      String subject = message.getSubject();
      if (subject != null && subject.startsWith("New task") && subject.contains("(Bench ")) {
        n++;
      }
    }
    return n;
  }

  private static long commits(Cluster cluster) {
    // the statistics collector reports with a delay: ask for a fresh snapshot
    cluster.jdbc.execute("SELECT pg_stat_clear_snapshot()");
    Long n =
        cluster.jdbc.queryForObject(
            "SELECT xact_commit FROM pg_stat_database WHERE datname = ?",
            Long.class,
            Cluster.DATABASE);
    return org.pathtovictory.bench.BenchReport.measured("the database's commit count", n);
  }

  /** What the database commits per second at all: 4 connections, one-row updates, 5 s. */
  private static long ceiling(Cluster cluster) throws Exception {
    cluster.jdbc.execute("CREATE TABLE IF NOT EXISTS bench_ceiling (id INT PRIMARY KEY, n BIGINT)");
    var dataSource = cluster.postgres.getDatabase("postgres", Cluster.DATABASE);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      work.add(
          threads.submit(
              () -> {
                try (var c = dataSource.getConnection();
                    var s = c.createStatement()) {
                  s.execute("INSERT INTO bench_ceiling VALUES (" + id + ", 0)");
                  while (System.nanoTime() < end) {
                    s.executeUpdate("UPDATE bench_ceiling SET n = n + 1 WHERE id = " + id);
                    done.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    threads.shutdown();
    if (done.get() == 0) {
      throw new AssertionError("ceiling: no commit in 5 s");
    }
    return Math.round(done.get() / 5.0);
  }
}
