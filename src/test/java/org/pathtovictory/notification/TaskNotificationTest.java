package org.pathtovictory.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pathtovictory.notification.MailOutbox.OutboxMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Who hears of a new task, what the mail says, and that the link opens the task. */
class TaskNotificationTest extends NotificationTestSupport {

  @Autowired TransactionTemplate transactionTemplate;

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  @Test
  void newGroupTaskMailsExactlyTheGroupsMembersInItsTenant() throws Exception {
    // Given press liaisons in Ithaca (one without an address) and in Ann Arbor
    // When Ithaca's instance creates a task for the press liaisons
    Task task = startTask(ITHACA, PRESS, null, due(TODAY.plusDays(14)));
    // Then exactly Ithaca's press liaisons with an address get it, once each
    List<MimeMessage> mails = mailsAfterSettling(2);
    assertThat(mails)
        .extracting(NotificationTestSupport::to)
        .containsExactlyInAnyOrder(address("t-ithaca-press1"), address("t-ithaca-press2"));
    // each with a stable Message-ID naming its outbox row
    List<OutboxMail> rows = outbox.forTask(task.getId());
    assertThat(mails)
        .extracting(m -> header(m, "Message-ID"))
        .allSatisfy(id -> assertThat(id).matches("<[0-9a-f-]{36}@localhost>"))
        .containsExactlyInAnyOrderElementsOf(
            rows.stream()
                .filter(r -> r.status().equals(MailOutbox.SENT))
                .map(r -> "<" + r.id() + "@localhost>")
                .toList());
    // and the volunteer without an address is recorded as skipped, for admins to see
    assertThat(rows)
        .filteredOn(r -> r.status().equals(MailOutbox.SKIPPED))
        .extracting(OutboxMail::userId, OutboxMail::lastError)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("t-ithaca-noemail", "no email address"));
    var admin = get("/api/admin/notifications?status=SKIPPED", "t-admin", PASSWORD);
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).contains("t-ithaca-noemail").contains("\"SKIPPED\":");
    assertThat(get("/api/admin/notifications", "t-ithaca-press1", PASSWORD).statusCode())
        .isEqualTo(403);
  }

  @Test
  void mailSaysWhatForWhomWhenAndLinksStraightToTheTask() throws Exception {
    // Given a task assigned to one press liaison, for a candidate whose name holds markup
    Task task =
        startTask(
            ITHACA,
            PRESS,
            "t-ithaca-press1",
            due(TODAY.plusDays(14)),
            "Josh <script>alert(1)</script> Riley");
    // Then only the assignee hears of it, once (create and assignment are one piece of news)
    MimeMessage mail = mailsAfterSettling(1).get(0);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(to(mail)).isEqualTo(address("t-ithaca-press1"));
    assertThat(mail.getSubject()).startsWith("New task for you: Draft the press release");
    String text = part(mail, "text/plain");
    String html = part(mail, "text/html");
    String link = "http://localhost:8080/tasks/" + task.getId();
    assertThat(text)
        .contains("Draft the press release", "U.S. House", "NY-24", "Monday, June 15, 2026")
        .contains("Open the task: " + link);
    assertThat(html).contains("href=\"" + link + "\"").contains("Monday, June 15, 2026");
    // the notification settings are the settings page volunteers sign in to, not a JSON API
    assertThat(text).contains("All your notification settings: http://localhost:8080/me");
    // the markup in a value is shown as text, never run
    assertThat(html).contains("Josh &lt;script&gt;alert(1)&lt;/script&gt; Riley");
    assertThat(html).doesNotContain("<script>");
    // And the link opens the task's phone page on this server (signed out: the sign-in page, which
    // leads back to it), where the task is the recipient's to see
    URI uri = URI.create(link);
    assertThat(uri.getPath()).isEqualTo("/tasks/" + task.getId());
    var signedOut = get(uri.getPath(), null, null);
    assertThat(signedOut.statusCode()).isEqualTo(200);
    assertThat(signedOut.uri().getPath()).isEqualTo("/sign-in");
    assertThat(signedOut.uri().getRawQuery()).isEqualTo("returnTo=%2Ftasks%2F" + task.getId());
    assertThat(signedOut.body()).contains("Email me a sign-in link");
    assertThat(get("/engine-rest/task/" + task.getId(), "t-ithaca-press1", PASSWORD).statusCode())
        .isEqualTo(200);
    assertThat(get("/engine-rest/task/" + task.getId(), "t-a2-press", PASSWORD).statusCode())
        .isEqualTo(404);
  }

  @Test
  void markupInAValueIsTextInTheMail() throws Exception {
    // Given a candidate name holding every kind of markup (planted past the intake's guards)
    String markup =
        "<img src=x onerror=alert(1)>Evil [click me](javascript:alert(1)) **bold** &lt;img&gt;"
            + " ![x](https://evil.example/p.png) <a href=\"data:text/html,x\">data</a>";
    startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(14)), markup);
    MimeMessage mail = mailsAfterSettling(1).get(0);
    String html = part(mail, "text/html");
    // Then the HTML part shows it as text: escaped by Thymeleaf, no element from the value
    assertThat(html)
        .contains("&lt;img src=x onerror=alert(1)&gt;Evil")
        .contains("[click me](javascript:alert(1)) **bold** &amp;lt;img&amp;gt;")
        .contains("&lt;a href=&quot;data:text/html,x&quot;&gt;data&lt;/a&gt;")
        .doesNotContain("<img", "href=\"javascript", "href=\"data:", "src=\"https://evil");
    // and the text part is the value as typed
    assertThat(part(mail, "text/plain")).contains(markup);
  }

  @Test
  void taskRolledBackWithItsTransactionSendsNothing() throws Exception {
    // Given the engine runs inside an outer transaction that is then rolled back
    String[] taskId = new String[1];
    transactionTemplate.executeWithoutResult(
        status -> {
          Task task = startTask(ITHACA, PRESS, null, due(TODAY.plusDays(14)));
          taskId[0] = task.getId();
          // the mails were recorded in the engine's own transaction
          assertThat(outbox.forTask(task.getId())).hasSize(3);
          status.setRollbackOnly();
        });
    // Then neither the task nor its mails exist, and nobody is mailed
    assertThat(taskService.createTaskQuery().taskId(taskId[0]).count()).isZero();
    assertThat(outbox.forTask(taskId[0])).isEmpty();
    awaitDispatcherPassedNow();
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void optedOutUserHearsNothingAndDigestUserGetsOneSummaryADay() throws Exception {
    // Given one press liaison turns mails off through the API, another chooses the daily digest
    var off = put("/api/me/notifications", "t-ithaca-press1", "{\"mode\":\"OFF\"}");
    assertThat(off.statusCode()).isEqualTo(200);
    assertThat(get("/api/me/notifications", "t-ithaca-press1", PASSWORD).body())
        .contains("\"OFF\"");
    preferences.setMode("t-ithaca-press2", NotificationMode.DIGEST);
    // When two tasks for the press liaisons are created
    Task first = startTask(ITHACA, PRESS, null, due(TODAY.plusDays(14)));
    Task second = startTask(ITHACA, PRESS, null, due(TODAY.minusDays(1)));
    // Then nobody gets a mail per task: none waits in the outbox, and none went out since
    assertThat(outbox.forTask(first.getId())).noneMatch(m -> m.status().equals(MailOutbox.PENDING));
    assertThat(outbox.forTask(second.getId()))
        .noneMatch(m -> m.status().equals(MailOutbox.PENDING));
    awaitDispatcherPassedNow();
    assertThat(smtp.getReceivedMessages()).isEmpty();
    // And when the digest goes out, the digest user gets one mail listing both, once a day
    assertThat(notifications.sendDigests()).isEqualTo(1);
    assertThat(notifications.sendDigests()).isZero();
    MimeMessage digest = mailsAfterSettling(1).get(0);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(to(digest)).isEqualTo(address("t-ithaca-press2"));
    assertThat(digest.getSubject()).contains("2 waiting");
    assertThat(part(digest, "text/plain"))
        .contains("Draft the press release (overdue)", "Monday, June 15, 2026");
  }

  @Test
  void assignmentByAnotherTellsTheNewAssigneeButClaimingOneselfDoesNot() throws Exception {
    Task task = startTask(ITHACA, PRESS, null, due(TODAY.plusDays(14)));
    mailsAfterSettling(2);
    smtp.purgeEmailFromAllMailboxes();
    // a volunteer who claims the task in Tasklist is not mailed about it
    identityService.setAuthentication("t-ithaca-press1", List.of(PRESS), List.of(ITHACA));
    taskService.setAssignee(task.getId(), "t-ithaca-press1");
    identityService.clearAuthentication();
    // the lead hands it to the canvass lead: they hear of it
    taskService.setAssignee(task.getId(), "t-ithaca-canvass");
    MimeMessage mail = mailsAfterSettling(1).get(0);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(to(mail)).isEqualTo(address("t-ithaca-canvass"));
  }

  @Test
  void adminSeesAFailedMailAndSendsItAgain() throws Exception {
    Task task = startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(14)));
    mailsAfterSettling(1);
    // Given a mail that failed for good (e.g. the server kept refusing the mailbox)
    String id = outbox.forTask(task.getId()).get(0).id();
    jdbc.update(
        "UPDATE ptv_mail_outbox SET status = 'FAILED', last_error = ? WHERE id = ?",
        "550 mailbox unavailable",
        id);
    // Then administrators see it, with the reason, and may send it again; nobody else may
    var failed = get("/api/admin/notifications?status=FAILED", "t-admin", PASSWORD);
    assertThat(failed.body()).contains(id).contains("550 mailbox unavailable");
    assertThat(post("/api/admin/notifications/" + id + "/retry", "t-ithaca-press1").statusCode())
        .isEqualTo(403);
    assertThat(post("/api/admin/notifications/" + id + "/retry", "t-admin").statusCode())
        .isEqualTo(200);
    assertThat(mailsAfterSettling(2)).hasSize(2);
  }

  // --- helpers

  HttpResponse<String> post(String path, String user) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", basic(user, PASSWORD))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String user, String password) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (user != null) {
      request.header("Authorization", basic(user, password));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> put(String path, String user, String json) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", basic(user, PASSWORD))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The text of the first part of a given type, however deep in the multipart. */
  static String part(MimeMessage message, String type) throws Exception {
    String found = find(message.getContent(), type);
    assertThat(found).as(type + " part").isNotNull();
    return found;
  }

  private static String find(Object content, String type) throws Exception {
    if (content instanceof MimeMultipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        var part = multipart.getBodyPart(i);
        if (part.isMimeType(type)) {
          Object body = part.getContent();
          if (body instanceof String text) {
            return text;
          }
          var out = new ByteArrayOutputStream();
          part.getDataHandler().writeTo(out);
          return out.toString(StandardCharsets.UTF_8);
        }
        String nested = find(part.getContent(), type);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }
}
