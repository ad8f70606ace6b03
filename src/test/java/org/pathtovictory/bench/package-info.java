/**
 * The benchmarks' shared report ({@code ./mvnw -Pbench verify}): start-up of the packaged jar, the
 * database's commit rate and the engine's share of it; the capability benchmarks (inbox query,
 * notifications) live in their packages and write their sections here.
 */
package org.pathtovictory.bench;
