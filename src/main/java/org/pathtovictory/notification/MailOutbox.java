package org.pathtovictory.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.pathtovictory.engine.NodeName;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The transactional outbox {@code ptv_mail_outbox}: one row per mail to one person.
 *
 * <p>Rows are written through the engine's own connection: the engine runs every command in a
 * Spring transaction on the same {@link DataSource}, so {@link JdbcTemplate} joins it and a rolled
 * back task leaves no mail behind. The dispatcher claims due rows by pushing their {@code
 * next_attempt_at} one lease ahead (a conditional update, so two dispatchers never claim the same
 * row), sends them, and marks them SENT; a failure sets the next attempt by exponential backoff,
 * and the last one marks the row FAILED. A dispatcher that dies between sending and marking leaves
 * the row to be claimed again when the lease ends: that mail goes out at most once more, with the
 * same Message-ID. Each claim records the node that made it ({@code claimed_by}), so a mail sent
 * twice after a node died can be traced to it.
 */
@Component
class MailOutbox {

  static final String PENDING = "PENDING";
  static final String SENT = "SENT";
  static final String FAILED = "FAILED";
  static final String SKIPPED = "SKIPPED";

  /** A row as the dispatcher and the admin endpoint see it. */
  record OutboxMail(
      String id,
      String dedupeKey,
      String kind,
      String taskId,
      String tenantId,
      String userId,
      String recipient,
      String subject,
      String textBody,
      String htmlBody,
      String status,
      int attempts,
      Instant nextAttemptAt,
      Instant createdAt,
      Instant sentAt,
      String lastError,
      String replyTo,
      String listUnsubscribe) {}

  private static final String COLUMNS =
      "id, dedupe_key, kind, task_id, tenant_id, user_id, recipient, subject, text_body,"
          + " html_body, status, attempts, next_attempt_at, created_at, sent_at, last_error, reply_to,"
          + " list_unsubscribe";

  private static final RowMapper<OutboxMail> ROW =
      (rs, n) ->
          new OutboxMail(
              rs.getString("id"),
              rs.getString("dedupe_key"),
              rs.getString("kind"),
              rs.getString("task_id"),
              rs.getString("tenant_id"),
              rs.getString("user_id"),
              rs.getString("recipient"),
              rs.getString("subject"),
              rs.getString("text_body"),
              rs.getString("html_body"),
              rs.getString("status"),
              rs.getInt("attempts"),
              instant(rs.getTimestamp("next_attempt_at")),
              instant(rs.getTimestamp("created_at")),
              instant(rs.getTimestamp("sent_at")),
              rs.getString("last_error"),
              rs.getString("reply_to"),
              rs.getString("list_unsubscribe"));

  private final JdbcTemplate jdbc;
  private final String node;

  MailOutbox(DataSource dataSource, NodeName nodeName) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.node = nodeName.value();
  }

  /**
   * Records a mail to send; joins the caller's transaction. The caller has checked {@link #exists}
   * for the key (the unique constraint on it is the last line of defence).
   */
  void enqueue(
      String dedupeKey,
      MailComposer.Kind kind,
      String taskId,
      String tenantId,
      String userId,
      String recipient,
      MailComposer.Mail mail) {
    insert(dedupeKey, kind, taskId, tenantId, userId, recipient, mail, PENDING, null);
  }

  /** Records that a person could not be told (e.g. has no email address): visible to admins. */
  void skip(
      String dedupeKey,
      MailComposer.Kind kind,
      String taskId,
      String tenantId,
      String userId,
      String reason) {
    insert(dedupeKey, kind, taskId, tenantId, userId, null, null, SKIPPED, reason);
  }

  boolean exists(String dedupeKey) {
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM ptv_mail_outbox WHERE dedupe_key = ?", Integer.class, dedupeKey);
    return count != null && count > 0;
  }

  /** Which of these keys are recorded already: one query per 500 keys. */
  Set<String> existing(Collection<String> dedupeKeys) {
    Set<String> found = new HashSet<>();
    List<String> keys = new ArrayList<>(dedupeKeys);
    for (int from = 0; from < keys.size(); from += 500) {
      List<String> part = keys.subList(from, Math.min(keys.size(), from + 500));
      found.addAll(
          jdbc.queryForList(
              "SELECT dedupe_key FROM ptv_mail_outbox WHERE dedupe_key IN ("
                  + String.join(",", Collections.nCopies(part.size(), "?"))
                  + ")",
              String.class,
              part.toArray()));
    }
    return found;
  }

  private void insert(
      String dedupeKey,
      MailComposer.Kind kind,
      String taskId,
      String tenantId,
      String userId,
      String recipient,
      MailComposer.Mail mail,
      String status,
      String lastError) {
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update(
        "INSERT INTO ptv_mail_outbox (id, dedupe_key, kind, task_id, tenant_id, user_id,"
            + " recipient, subject, text_body, html_body, status, attempts, next_attempt_at,"
            + " created_at, last_error, reply_to, list_unsubscribe)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(),
        dedupeKey,
        kind.name(),
        taskId,
        tenantId,
        userId,
        recipient,
        mail == null ? "(not sent)" : mail.subject(),
        mail == null ? null : mail.text(),
        mail == null ? null : mail.html(),
        status,
        now,
        now,
        lastError,
        mail == null ? null : mail.replyTo(),
        mail == null ? null : mail.listUnsubscribe());
  }

  /**
   * Claims up to {@code limit} due rows for one lease. Each claim is a conditional update, so a row
   * claimed by another dispatcher in between is left out.
   */
  List<OutboxMail> claimDue(int limit, Instant now, Instant leaseEnd) {
    List<OutboxMail> due =
        jdbc.query(
            "SELECT "
                + COLUMNS
                + " FROM ptv_mail_outbox WHERE status = ? AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at LIMIT ?",
            ROW,
            PENDING,
            Timestamp.from(now),
            limit);
    if (due.isEmpty()) {
      return due;
    }
    List<Object[]> args = new ArrayList<>();
    for (OutboxMail mail : due) {
      args.add(
          new Object[] {
            Timestamp.from(leaseEnd),
            Timestamp.from(now),
            node,
            mail.id(),
            PENDING,
            Timestamp.from(now)
          });
    }
    int[] counts =
        jdbc.batchUpdate(
            "UPDATE ptv_mail_outbox SET attempts = attempts + 1, next_attempt_at = ?,"
                + " last_attempt_at = ?, last_error = NULL, claimed_by = ?"
                + " WHERE id = ? AND status = ? AND next_attempt_at <= ?",
            args);
    List<OutboxMail> claimed = new ArrayList<>();
    for (int i = 0; i < due.size(); i++) {
      if (counts[i] != 0) {
        OutboxMail m = due.get(i);
        claimed.add(
            new OutboxMail(
                m.id(),
                m.dedupeKey(),
                m.kind(),
                m.taskId(),
                m.tenantId(),
                m.userId(),
                m.recipient(),
                m.subject(),
                m.textBody(),
                m.htmlBody(),
                m.status(),
                m.attempts() + 1,
                leaseEnd,
                m.createdAt(),
                null,
                null,
                m.replyTo(),
                m.listUnsubscribe()));
      }
    }
    return claimed;
  }

  void markSent(List<OutboxMail> mails, Instant now) {
    if (mails.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        "UPDATE ptv_mail_outbox SET status = ?, sent_at = ?, last_error = NULL WHERE id = ?",
        mails.stream().map(m -> new Object[] {SENT, Timestamp.from(now), m.id()}).toList());
  }

  /** A failed attempt: try again at {@code nextAttempt}, or mark FAILED if it was the last one. */
  void markFailed(OutboxMail mail, boolean last, Instant nextAttempt, String error) {
    jdbc.update(
        "UPDATE ptv_mail_outbox SET status = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
        last ? FAILED : PENDING,
        Timestamp.from(nextAttempt),
        truncate(error),
        mail.id());
  }

  /** A permanent refusal: FAILED at once, whatever attempts were left. */
  void markRefused(OutboxMail mail, String reason) {
    jdbc.update(
        "UPDATE ptv_mail_outbox SET status = ?, last_error = ? WHERE id = ?",
        FAILED,
        truncate(reason),
        mail.id());
  }

  /**
   * After the SMTP server came back: every mail waiting out a backoff is due now (claimed rows have
   * no error recorded while their lease runs, so they are left alone).
   */
  int releaseBackedOff(Instant now) {
    return jdbc.update(
        "UPDATE ptv_mail_outbox SET next_attempt_at = ? WHERE status = ? AND next_attempt_at > ?"
            + " AND last_error IS NOT NULL",
        Timestamp.from(now),
        PENDING,
        Timestamp.from(now));
  }

  /** An admin asks for a FAILED (or SKIPPED) mail to be tried again from the start. */
  boolean retry(String id, Instant now) {
    return jdbc.update(
            "UPDATE ptv_mail_outbox SET status = ?, attempts = 0, next_attempt_at = ?"
                + " WHERE id = ? AND status = ? AND recipient IS NOT NULL",
            PENDING,
            Timestamp.from(now),
            id,
            FAILED)
        > 0;
  }

  Map<String, Long> countByStatus() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (String status : List.of(PENDING, SENT, FAILED, SKIPPED)) {
      counts.put(status, 0L);
    }
    jdbc.query(
        "SELECT status, COUNT(*) AS n FROM ptv_mail_outbox GROUP BY status",
        rs -> {
          counts.put(rs.getString("status"), rs.getLong("n"));
        });
    return counts;
  }

  List<OutboxMail> list(String status, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM ptv_mail_outbox WHERE status = ? ORDER BY created_at DESC LIMIT ?",
        ROW,
        status,
        limit);
  }

  List<OutboxMail> forTask(String taskId) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM ptv_mail_outbox WHERE task_id = ? ORDER BY created_at",
        ROW,
        taskId);
  }

  List<OutboxMail> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM ptv_mail_outbox ORDER BY created_at", ROW);
  }

  private static String truncate(String error) {
    return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
