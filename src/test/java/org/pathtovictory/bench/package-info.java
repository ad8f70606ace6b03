/**
 * The benchmarks' shared report ({@code ./mvnw -Pbench verify}): start-up of the packaged jar, the
 * database's commit rate and the engine's share of it; the capability benchmarks (inbox query,
 * notifications, deadline scan, deployment check, board, cluster) live in their packages and write
 * their sections here. One run, one report: the bench profile empties {@code target/bench} first,
 * each section carries its start time, commit and database, only a bench run writes the report, and
 * a figure that cannot be measured fails its benchmark.
 */
package org.pathtovictory.bench;
