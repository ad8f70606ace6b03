/**
 * The benchmarks' shared report ({@code ./mvnw -Pbench verify}): start-up of the packaged jar, the
 * database's commit rate and the engine's share of it; the capability benchmarks (inbox query,
 * notifications, deadline scan, deployment check, board, cluster) live in their packages and write
 * their sections here. One run, one report: the bench profile empties {@code target/bench} first,
 * each section carries its start time, commit and database, only a bench run writes the report, and
 * a figure that cannot be measured fails its benchmark.
 *
 * <p>The election-week load test ({@code ElectionWeekLoadBenchmark} in {@code src/bench/java},
 * section {@code load}) runs Gatling's Java DSL inside the bench's failsafe JVM, against the
 * application on a random port with the embedded PostgreSQL and a GreenMail SMTP server; Gatling is
 * a dependency of the bench profile only. Alone, with a small population first:
 *
 * <pre>
 * ptv-mvn -Pbench verify -Dit.test=ElectionWeekLoadBenchmark -Dbenchmark.load.openTasks=10000
 * ptv-mvn -Pbench verify -Dit.test=ElectionWeekLoadBenchmark    (1,000,000 open tasks)
 * </pre>
 *
 * Gatling's HTML report of each run (warm-up, peak, each step of the ramp) is in {@code
 * target/bench/gatling}. {@link OpenTasksInBulk} makes the open tasks of this and the inbox
 * benchmark.
 */
package org.pathtovictory.bench;
