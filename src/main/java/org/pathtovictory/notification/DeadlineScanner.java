package org.pathtovictory.notification;

import java.time.LocalDate;
import java.time.LocalTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks at the open tasks regularly (by the engine's clock): reminders for tasks due tomorrow,
 * escalation of overdue tasks, and once a day, from {@code digest-time}, the digests. Every mail it
 * records has a key, so running it often, or on two nodes, sends nothing twice.
 */
@Component
class DeadlineScanner {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineScanner.class);

  private final TaskNotifications notifications;
  private final NotificationProperties properties;
  private final java.time.ZoneId zone;
  private volatile LocalDate digestsDoneFor;

  DeadlineScanner(
      TaskNotifications notifications,
      NotificationProperties properties,
      org.pathtovictory.system.PathToVictoryProperties appProperties) {
    this.notifications = notifications;
    this.properties = properties;
    this.zone = appProperties.timeZone();
  }

  @Scheduled(
      initialDelayString = "${pathtovictory.notifications.scan-initial-delay:PT1M}",
      fixedDelayString = "${pathtovictory.notifications.scan-every:PT15M}")
  void scan() {
    int reminders = notifications.remindDueTomorrow();
    int escalations = notifications.escalateOverdue();
    int digests = 0;
    LocalDate today = notifications.today();
    LocalTime now = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalTime();
    if (!today.equals(digestsDoneFor) && !now.isBefore(properties.digestTime())) {
      digests = notifications.sendDigests();
      digestsDoneFor = today;
    }
    if (reminders + escalations + digests > 0) {
      LOG.info(
          "Deadline scan: {} reminders, {} overdue escalations, {} digests",
          reminders,
          escalations,
          digests);
    }
  }
}
