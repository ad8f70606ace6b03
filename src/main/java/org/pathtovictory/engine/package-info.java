/**
 * The engine room: the engine of each application context ({@link
 * org.pathtovictory.engine.RequestEngine}, so two applications in one JVM each answer from their
 * own), the engine starting after the database schema (Liquibase only when its changelog changed,
 * {@code ChangelogChecksum}), a cluster starting safely on one database (start-up lock), the
 * start-up trace, the node name, the engine plugins that keep it closed by default (no expressions
 * in task queries, an administrator's password required), and the application's settings ({@code
 * pathtovictory.*}). Uses no other package of the application; every package may use it.
 */
package org.pathtovictory.engine;
