package org.pathtovictory.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.notification.MailOutbox.OutboxMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Refusals by a real SMTP server (SubEtha SMTP) that answers as a receiving server would: 550 on
 * RCPT for an unknown mailbox, 554 after DATA for a refused message, 451 for "try again later". A
 * permanent refusal is not retried, marks the user as bouncing and tells the lead of their own
 * group; a temporary one is retried.
 */
class MailBounceTest extends NotificationTestSupport {

  /** How the server answers one recipient: at RCPT or after DATA, with which code, how often. */
  record Refusal(boolean atData, int code, String text, AtomicInteger times) {}

  /** A mail the server accepted. */
  record Received(List<String> to, String data) {}

  @Autowired JavaMailSenderImpl mailSender;
  @Autowired MailBounces bounces;

  private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private SMTPServer server;

  @BeforeEach
  void refusingServer() {
    server =
        SMTPServer.port(0)
            .bindAddress(InetAddress.getLoopbackAddress())
            .hostName("mx.test")
            .messageHandlerFactory(this::handler)
            .build();
    server.start();
    mailSender.setPort(server.getPortAllocated());
  }

  @AfterEach
  void backToGreenMail() {
    mailSender.setPort(SMTP_PORT);
    server.stop();
  }

  @Test
  void permanentRefusalOnRcptFailsAtOnceMarksTheUserBouncingAndTellsTheirLead() throws Exception {
    refuse(address("t-ithaca-press1"), false, 550, "5.1.1 No such user here", 1000);
    // When a task for the press liaison is created
    Task task = startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(3)));
    // Then the mail is FAILED after one attempt, with the server's words
    OutboxMail row =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> rowOf(task), r -> r.status().equals("FAILED"));
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.lastError()).contains("SMTP 550", "No such user here", "not retried");
    assertThat(refusals.get(address("t-ithaca-press1")).times().get()).isEqualTo(999);
    // the user is marked as bouncing
    assertThat(
            bounces.isBouncing(
                identityService.createUserQuery().userId("t-ithaca-press1").singleResult()))
        .isTrue();
    // and Ithaca's lead (only) hears of it, with the address and the reason
    Received notice = awaitMailTo(address("t-ithaca-lead"));
    assertThat(notice.data())
        .contains("Subject: Mail to press1 Test is not getting through")
        .contains("t-ithaca-press1" + DOMAIN)
        .contains("550");
    awaitDispatcherPassedNow(); // a mail to anyone else would have gone by now
    assertThat(received)
        .extracting(Received::to)
        .containsExactly(List.of(address("t-ithaca-lead")));
    // administrators see the reason in the list of failed mails
    HttpResponse<String> failed =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:" + port + "/api/admin/notifications?status=FAILED"))
                .header("Authorization", TaskNotificationTest.basic("t-admin", PASSWORD))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(failed.statusCode()).isEqualTo(200);
    assertThat(failed.body()).contains(row.id(), "SMTP 550", "No such user here");
    // the next task writes no mail for the bouncing address: it is recorded as skipped
    Task next = startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(4)));
    assertThat(rowOf(next).status()).isEqualTo(MailOutbox.SKIPPED);
    assertThat(rowOf(next).lastError()).contains("bounced", "No such user here");
  }

  @Test
  void permanentRefusalAfterDataFailsAtOnceAndMarksTheUserBouncing() throws Exception {
    refuse(address("t-a2-press"), true, 554, "5.7.1 Message refused by policy", 1000);
    Task task = startTask(ANN_ARBOR, PRESS, "t-a2-press", due(TODAY.plusDays(3)));
    OutboxMail row =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> rowOf(task), r -> r.status().equals("FAILED"));
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.lastError()).contains("SMTP 554", "Message refused by policy");
    assertThat(
            bounces.isBouncing(
                identityService.createUserQuery().userId("t-a2-press").singleResult()))
        .isTrue();
    // Ann Arbor's lead hears of it; Ithaca's lead never sees the Ann Arbor volunteer's address
    Received notice = awaitMailTo(address("t-a2-lead"));
    assertThat(notice.data()).contains("t-a2-press" + DOMAIN);
    awaitDispatcherPassedNow(); // a mail to anyone else would have gone by now
    assertThat(received).extracting(Received::to).containsExactly(List.of(address("t-a2-lead")));
  }

  @Test
  void temporaryRefusalIsRetriedUntilTheServerTakesTheMail() throws Exception {
    // the server says "try again later" twice, then accepts
    refuse(address("t-ithaca-press2"), false, 451, "4.3.0 Mailbox busy, try again later", 2);
    Task task = startTask(ITHACA, PRESS, "t-ithaca-press2", due(TODAY.plusDays(3)));
    OutboxMail row =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> rowOf(task), r -> r.status().equals("SENT"));
    assertThat(row.attempts()).isEqualTo(3);
    assertThat(awaitMailTo(address("t-ithaca-press2")).data())
        .contains("Subject: New task for you");
    assertThat(
            bounces.isBouncing(
                identityService.createUserQuery().userId("t-ithaca-press2").singleResult()))
        .isFalse();
  }

  @Test
  void temporaryRefusalAfterDataIsRetriedToo() throws Exception {
    refuse(address("t-ithaca-press2"), true, 452, "4.3.1 Insufficient system storage", 1);
    Task task = startTask(ITHACA, PRESS, "t-ithaca-press2", due(TODAY.plusDays(3)));
    OutboxMail row =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> rowOf(task), r -> r.status().equals("SENT"));
    assertThat(row.attempts()).isEqualTo(2);
    assertThat(
            bounces.isBouncing(
                identityService.createUserQuery().userId("t-ithaca-press2").singleResult()))
        .isFalse();
  }

  private void refuse(String address, boolean atData, int code, String text, int times) {
    refusals.put(address, new Refusal(atData, code, text, new AtomicInteger(times)));
  }

  private OutboxMail rowOf(Task task) {
    List<OutboxMail> rows = outbox.forTask(task.getId());
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private Received awaitMailTo(String address) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> received.stream().filter(r -> r.to().contains(address)).findFirst().orElse(null),
            r -> r != null);
  }

  private MessageHandler handler(MessageContext context) {
    List<String> to = new CopyOnWriteArrayList<>();
    return new MessageHandler() {
      @Override
      public void from(String from) {}

      @Override
      public void recipient(String recipient) throws RejectException {
        Refusal refusal = refusals.get(recipient);
        if (refusal != null && !refusal.atData() && refusal.times().getAndDecrement() > 0) {
          throw new RejectException(refusal.code(), refusal.text());
        }
        to.add(recipient);
      }

      @Override
      public String data(InputStream data) throws RejectException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        data.transferTo(bytes);
        for (String recipient : to) {
          Refusal refusal = refusals.get(recipient);
          if (refusal != null && refusal.atData() && refusal.times().getAndDecrement() > 0) {
            throw new RejectException(refusal.code(), refusal.text());
          }
        }
        received.add(new Received(List.copyOf(to), bytes.toString(StandardCharsets.UTF_8)));
        return null;
      }

      @Override
      public void done() {}
    };
  }
}
