package org.pathtovictory.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pathtovictory.notification.MailOutbox.OutboxMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Never lost, never doubled: SMTP down, SMTP hanging, a crash between sending and marking. */
class MailDeliveryTest extends NotificationTestSupport {

  @Autowired JavaMailSenderImpl mailSender;

  @Test
  void smtpDownThenBackDeliversEveryMailExactlyOnce() throws Exception {
    // Given the mail server is down
    stopSmtp();
    // When 20 tasks are created
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      taskIds.add(startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(14))).getId());
    }
    // Then every mail fails (at least twice) and waits for its next attempt
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                rowsOf(taskIds).stream()
                    .allMatch(
                        r ->
                            r.attempts() >= 2
                                && r.lastError() != null
                                && r.status().equals(MailOutbox.PENDING)));
    assertThat(smtp.getReceivedMessages()).isEmpty();
    // When the server is back
    startSmtp();
    // Then every mail arrives, exactly once
    List<MimeMessage> mails = mailsAfterSettling(20);
    assertThat(mails).hasSize(20);
    assertThat(mails.stream().map(m -> header(m, "Message-ID")).collect(Collectors.toSet()))
        .hasSize(20);
    assertThat(rowsOf(taskIds)).allSatisfy(r -> assertThat(r.status()).isEqualTo("SENT"));
  }

  @Test
  void smtpThatAcceptsAndNeverAnswersTimesOutWithinTheBoundAndIsRetried() throws Exception {
    // Given the mail server is one that accepts connections and never says a word
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!silent.isClosed()) {
                  try {
                    held.add(silent.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      mailSender.setPort(silent.getLocalPort());
      try {
        // When a task is created and its mail is claimed for sending
        Task task = startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(14)));
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> rowsOf(List.of(task.getId())).get(0).attempts() >= 1);
        Instant claimed = Instant.now();
        // Then the send gives up within the configured bound (1 s) and the mail waits for a retry
        OutboxMail row =
            await()
                .atMost(Duration.ofMillis(SMTP_TIMEOUT * 5L))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> rowsOf(List.of(task.getId())).get(0), r -> r.lastError() != null);
        Duration took = Duration.between(claimed, Instant.now());
        assertThat(took).isLessThan(Duration.ofMillis(SMTP_TIMEOUT * 3L));
        assertThat(row.status()).isEqualTo(MailOutbox.PENDING);
        assertThat(row.lastError()).containsIgnoringCase("timed out");
        assertThat(held).isNotEmpty();
        // When the real server is configured again, the mail goes out once
        mailSender.setPort(SMTP_PORT);
        List<MimeMessage> mails = mailsAfterSettling(1);
        assertThat(mails).hasSize(1);
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> rowsOf(List.of(task.getId())).get(0).status().equals("SENT"));
      } finally {
        mailSender.setPort(SMTP_PORT);
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }

  @Test
  void mailSentAgainAfterACrashBeforeMarkingKeepsItsMessageId() throws Exception {
    Task task = startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(14)));
    MimeMessage first = mailsAfterSettling(1).get(0);
    // Given the dispatcher died after sending but before marking (the row is still PENDING)
    String id = rowsOf(List.of(task.getId())).get(0).id();
    // and its lease ran out
    jdbc.update(
        "UPDATE ptv_mail_outbox SET status = 'PENDING', next_attempt_at = ? WHERE id = ?",
        java.sql.Timestamp.from(Instant.now()),
        id);
    // Then the mail goes out once more, recognisably the same mail
    List<MimeMessage> mails = mailsAfterSettling(2);
    assertThat(mails).hasSize(2);
    assertThat(Set.of(header(mails.get(1), "Message-ID")))
        .containsExactly(header(first, "Message-ID"));
    assertThat(header(first, "Message-ID")).isEqualTo("<" + id + "@localhost>");
  }

  @Test
  void lastFailedAttemptMarksTheMailFailedForAdmins() {
    Task task = startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(14)));
    String id = rowsOf(List.of(task.getId())).get(0).id();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rowsOf(List.of(task.getId())).get(0).status().equals("SENT"));
    // a mail on its last attempt that fails is FAILED, not retried
    jdbc.update(
        "UPDATE ptv_mail_outbox SET status = 'PENDING', attempts = 29, recipient = ?,"
            + " next_attempt_at = ? WHERE id = ?",
        "not an address",
        java.sql.Timestamp.from(Instant.now()),
        id);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rowsOf(List.of(task.getId())).get(0).status().equals(MailOutbox.FAILED));
    assertThat(outbox.list(MailOutbox.FAILED, 10)).extracting(OutboxMail::id).contains(id);
    assertThat(outbox.countByStatus().get(MailOutbox.FAILED)).isPositive();
  }

  private List<OutboxMail> rowsOf(List<String> taskIds) {
    return taskIds.stream().flatMap(id -> outbox.forTask(id).stream()).toList();
  }
}
