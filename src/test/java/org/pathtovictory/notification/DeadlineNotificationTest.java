package org.pathtovictory.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** Reminders the day before a task is due, and escalation when it is overdue, by engine clock. */
class DeadlineNotificationTest extends NotificationTestSupport {

  @Test
  void reminderGoesOutTheDayBeforeTheDueDateAndOnlyOnce() throws Exception {
    // Given a task due in three days, assigned to a press liaison (who was told of it)
    startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(3)));
    mailsAfterSettling(1);
    smtp.purgeEmailFromAllMailboxes();
    // When the scan runs today, nothing is due tomorrow
    assertThat(notifications.remindDueTomorrow()).isZero();
    // When the engine clock reaches the day before the due date
    setToday(TODAY.plusDays(2));
    assertThat(notifications.remindDueTomorrow()).isEqualTo(1);
    // Then the assignee is reminded, once however often the scan runs
    assertThat(notifications.remindDueTomorrow()).isZero();
    MimeMessage reminder = mailsAfterSettling(1).get(0);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(to(reminder)).isEqualTo(address("t-ithaca-press1"));
    assertThat(reminder.getSubject()).startsWith("Due tomorrow: Draft the press release");
    assertThat(TaskNotificationTest.part(reminder, "text/plain"))
        .contains("due TOMORROW", "Thursday, June 4, 2026");
  }

  @Test
  void overdueLocalTaskIsEscalatedToItsGroupLeadOnly() throws Exception {
    // Given a press task of Ithaca due tomorrow
    Task task = startTask(ITHACA, PRESS, null, due(TODAY.plusDays(1)));
    mailsAfterSettling(2);
    smtp.purgeEmailFromAllMailboxes();
    assertThat(notifications.escalateOverdue()).isZero();
    // When the engine clock passes its due date and it is still open
    setToday(TODAY.plusDays(2));
    assertThat(notifications.escalateOverdue()).isEqualTo(1);
    assertThat(notifications.escalateOverdue()).isZero();
    // Then Ithaca's group lead is told, not Ann Arbor's, not the organizer
    List<MimeMessage> mails = mailsAfterSettling(1);
    assertThat(mails)
        .extracting(NotificationTestSupport::to)
        .containsExactly(address("t-ithaca-lead"));
    assertThat(mails.get(0).getSubject()).startsWith("Overdue: Draft the press release");
    assertThat(TaskNotificationTest.part(mails.get(0), "text/plain"))
        .contains("past its due date", task.getId());
  }

  @Test
  void overdueNationalTaskIsEscalatedToTheGroupLeadAndTheOrganizers() throws Exception {
    // Given a task of the national endorsements team in Ithaca's campaign, overdue
    startTask(ITHACA, NATIONAL, null, due(TODAY.minusDays(1)));
    mailsAfterSettling(1);
    smtp.purgeEmailFromAllMailboxes();
    // When the scan runs
    assertThat(notifications.escalateOverdue()).isEqualTo(2);
    // Then Ithaca's group lead and the Indivisible Organizer are told
    assertThat(mailsAfterSettling(2))
        .extracting(NotificationTestSupport::to)
        .containsExactlyInAnyOrder(address("t-ithaca-lead"), address("t-organizer"));
  }
}
