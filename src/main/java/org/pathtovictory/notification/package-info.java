/**
 * Email to volunteers about their tasks: who hears of a task (assignee, or the candidate groups'
 * members within the task's local group), the mails themselves (Thymeleaf templates with a link
 * into Tasklist), reminders, overdue escalation and the daily digest, each user's preference, and
 * the transactional outbox that delivers every mail once the engine transaction has committed, with
 * retries, backoff and a visible failed state.
 */
package org.pathtovictory.notification;
