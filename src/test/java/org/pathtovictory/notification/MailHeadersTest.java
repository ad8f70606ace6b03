package org.pathtovictory.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The headers a careful bulk sender sets, on every kind of mail as it arrives at a real SMTP server
 * (GreenMail): one-click unsubscribe (RFC 8058, RFC 2369), Auto-Submitted (RFC 3834), a Message-ID
 * under the configured domain naming the outbox row, Reply-To a person, and a plain
 * multipart/alternative of text and HTML.
 */
class MailHeadersTest extends NotificationTestSupport {

  static final Pattern LIST_UNSUBSCRIBE =
      Pattern.compile(
          "<http://localhost:8080/unsubscribe/([A-Za-z0-9_-]{43})>,"
              + " <mailto:unsubscribe@localhost\\?subject=unsubscribe%20([A-Za-z0-9_-]{43})>");

  @Autowired UnsubscribeLinks links;

  @Test
  void newTaskReminderOverdueAndDigestMailsCarryTheHeaders() throws Exception {
    // NEW: a press task of Ithaca assigned to a press liaison
    Task task = startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(3)));
    MimeMessage created = only(mailsAfterSettling(1));
    assertWellFormed(created, "t-ithaca-press1", List.of(address("t-ithaca-lead")));
    smtp.purgeEmailFromAllMailboxes();
    // REMINDER: the day before it is due
    setToday(TODAY.plusDays(2));
    assertThat(notifications.remindDueTomorrow()).isEqualTo(1);
    MimeMessage reminder = only(mailsAfterSettling(1));
    assertThat(reminder.getSubject()).startsWith("Due tomorrow:");
    assertWellFormed(reminder, "t-ithaca-press1", List.of(address("t-ithaca-lead")));
    smtp.purgeEmailFromAllMailboxes();
    // OVERDUE: to the lead, whose replies go to the organizers (not back to themself)
    setToday(TODAY.plusDays(4));
    assertThat(notifications.escalateOverdue()).isEqualTo(1);
    MimeMessage overdue = only(mailsAfterSettling(1));
    assertThat(overdue.getSubject()).startsWith("Overdue:");
    assertWellFormed(overdue, "t-ithaca-lead", List.of(address("t-organizer")));
    smtp.purgeEmailFromAllMailboxes();
    // DIGEST: the liaison switches to one summary a day
    preferences.setMode("t-ithaca-press1", NotificationMode.DIGEST);
    assertThat(notifications.sendDigests()).isEqualTo(1);
    MimeMessage digest = only(mailsAfterSettling(1));
    assertThat(digest.getSubject()).startsWith("Your Path to Victory tasks");
    assertWellFormed(digest, "t-ithaca-press1", List.of(address("t-ithaca-lead")));
    assertThat(TaskNotificationTest.part(digest, "text/plain")).contains(task.getId());
  }

  @Test
  void aReplyToATaskMailGoesToTheGroupLeadOfItsLocalGroup() throws Exception {
    startTask(ANN_ARBOR, PRESS, "t-a2-press", due(TODAY.plusDays(3)));
    MimeMessage mail = only(mailsAfterSettling(1));
    // what a mail client does on "Reply"
    Message reply = mail.reply(false);
    assertThat(addresses(reply.getRecipients(Message.RecipientType.TO)))
        .containsExactly(address("t-a2-lead"));
  }

  @Test
  void aReplyToANationalTaskMailGoesToTheEndorsementsOrganizer() throws Exception {
    Map<String, Object> vars = new HashMap<>();
    vars.put("leadGroup", ITHACA);
    vars.put("candidateGroup", NATIONAL);
    vars.put("assignee", "t-national");
    vars.put("due", due(TODAY.plusDays(3)));
    vars.put("organizerEmail", "jordan.organizer@indivisible.test");
    runtimeService.startProcessInstanceByKey(PROCESS, vars);
    MimeMessage mail = only(mailsAfterSettling(1));
    assertThat(addresses(mail.reply(false).getRecipients(Message.RecipientType.TO)))
        .containsExactly("jordan.organizer@indivisible.test");
  }

  @Test
  void aNationalTaskWithoutOrganizerEmailIsAnsweredToTheIndivisibleOrganizers() throws Exception {
    startTask(ITHACA, NATIONAL, "t-national", due(TODAY.plusDays(3)));
    MimeMessage mail = only(mailsAfterSettling(1));
    assertThat(addresses(mail.getReplyTo())).containsExactly(address("t-organizer"));
  }

  private void assertWellFormed(MimeMessage mail, String userId, List<String> replyTo)
      throws Exception {
    assertThat(to(mail)).isEqualTo(address(userId));
    assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    // Message-ID under the configured domain (here the host of the public base URL), one per row
    String outboxId = header(mail, "X-PTV-Outbox-Id");
    assertThat(mail.getHeader("Message-ID")).containsExactly("<" + outboxId + "@localhost>");
    assertThat(outbox.all()).anySatisfy(row -> assertThat(row.id()).isEqualTo(outboxId));
    // one-click unsubscribe: an HTTPS-able link and a mailto, with one token for this user
    assertThat(mail.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    String[] listUnsubscribe = mail.getHeader("List-Unsubscribe");
    assertThat(listUnsubscribe).hasSize(1);
    String value = listUnsubscribe[0].replaceAll("\\r?\\n\\s+", " ");
    Matcher matcher = LIST_UNSUBSCRIBE.matcher(value);
    assertThat(matcher.matches()).as(value).isTrue();
    String token = matcher.group(1);
    assertThat(matcher.group(2)).isEqualTo(token);
    assertThat(links.userOf(token)).contains(userId);
    // Reply-To a person
    assertThat(addresses(mail.getReplyTo())).containsExactlyElementsOf(replyTo);
    // a plain multipart/alternative: text first, then HTML, nothing else
    assertThat(mail.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
    // the footer says the same in words, with the same link
    String text = TaskNotificationTest.part(mail, "text/plain");
    assertThat(text)
        .contains("To turn task mail off", "no sign-in needed")
        .contains("http://localhost:8080/unsubscribe/" + token);
    assertThat(TaskNotificationTest.part(mail, "text/html"))
        .contains("href=\"http://localhost:8080/unsubscribe/" + token + "\"");
  }

  private static MimeMessage only(List<MimeMessage> mails) {
    assertThat(mails).hasSize(1);
    return mails.get(0);
  }

  private static List<String> addresses(Address[] addresses) {
    return Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
  }
}
