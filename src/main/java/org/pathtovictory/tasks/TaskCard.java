package org.pathtovictory.tasks;

/**
 * One task as the phone pages show it: step, campaign (candidate and race), and when it is due in
 * words ("due in 3 days", "overdue by 2 days"), so colour is never the only sign.
 */
public record TaskCard(
    String id,
    String name,
    String candidate,
    String race,
    String campaign,
    String dueDay,
    String dueWords,
    boolean overdue,
    boolean mine) {}
