package org.pathtovictory.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    List<String> report = new ArrayList<>();
    try (Cluster cluster = new Cluster("cluster-benchmark")) {
      Map<String, String> settings = Cluster.quickSettings();
      Cluster.Node a = cluster.start("node-a", settings, List.of());
      a.awaitReady(Duration.ofMinutes(4));
      ClusterSteps steps = new ClusterSteps(cluster);
      steps.deployCheckModel(a);
      steps.createVolunteer(a, "bench-vol");
      report.add(phase(cluster, steps, "one node ", List.of(a), jobs));
      Cluster.Node b = cluster.start("node-b", settings, List.of());
      b.awaitReady(Duration.ofMinutes(4));
      report.add(phase(cluster, steps, "two nodes", List.of(a, b), jobs));
      report.add(ceiling(cluster));
    }
    report.forEach(line -> System.out.println("BENCHMARK " + line));
  }

  /**
   * Starts {@code jobs} campaigns whose timers wait far ahead, then makes every timer due at once
   * and measures until each campaign's first step exists and its mail was accepted by the SMTP
   * server.
   */
  private String phase(
      Cluster cluster, ClusterSteps steps, String label, List<Cluster.Node> nodes, int jobs)
      throws Exception {
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
    return String.format(
        "%s: %d jobs in %.1f s = %.1f jobs/s; database %.0f commits/s, %.1f commits per job",
        label, jobs, seconds, jobs / seconds, commits / seconds, (double) commits / jobs);
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
    return n == null ? 0 : n;
  }

  /** What the database commits per second at all: 4 connections, one-row updates, 5 s. */
  private static String ceiling(Cluster cluster) throws Exception {
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
    return String.format(
        "ceiling: %.0f commits/s (4 connections, one-row update per commit)", done.get() / 5.0);
  }
}
