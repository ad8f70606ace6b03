/**
 * The operator's side of a season: the meters an operator watches ({@code /actuator/prometheus},
 * for operators only), who may read them, and the {@code node} tag every meter carries. The mail
 * and deployment counters are counted where those things happen (notification, modeling); the
 * gauges here read the database in a few set-based queries, cached briefly so a scrape is cheap.
 */
package org.pathtovictory.operations;
