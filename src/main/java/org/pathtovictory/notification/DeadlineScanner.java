package org.pathtovictory.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockExtender;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks at the open tasks regularly (by the engine's clock): reminders for tasks due tomorrow,
 * escalation of overdue tasks, and once a day, from {@code digest-time}, the digests. Every node
 * schedules it; a lock in the database (ShedLock) lets one node of the cluster do each piece, and
 * every mail it records has a key, so nothing is sent twice even if two scans overlapped.
 */
@Component
class DeadlineScanner {

  static final String SCAN_LOCK = "ptv-deadline-scan";
  static final String DIGEST_LOCK = "ptv-daily-digest";

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineScanner.class);
  private static final Duration DIGEST_LOCK_AT_MOST = Duration.ofHours(1);

  private final TaskNotifications notifications;
  private final NotificationProperties properties;
  private final DeadlineScanProperties scan;
  private final LockingTaskExecutor locks;
  private final ZoneId zone;
  private volatile LocalDate digestsDoneFor;

  DeadlineScanner(
      TaskNotifications notifications,
      NotificationProperties properties,
      DeadlineScanProperties scan,
      LockingTaskExecutor schedulerLocks,
      PathToVictoryProperties appProperties) {
    this.notifications = notifications;
    this.properties = properties;
    this.scan = scan;
    this.locks = schedulerLocks;
    this.zone = appProperties.timeZone();
  }

  @Scheduled(
      initialDelayString = "${pathtovictory.notifications.scan-initial-delay:PT1M}",
      fixedDelayString = "${pathtovictory.notifications.scan-every:PT15M}")
  void scan() {
    try {
      locks.executeWithLock(
          (Runnable) this::remindAndEscalate,
          new LockConfiguration(
              Instant.now(), SCAN_LOCK, scan.lockAtMostFor(), scan.lockAtLeastFor()));
      digestIfDue();
    } catch (Throwable e) {
      // the database may be briefly away: the next scan picks up what this one missed
      LOG.warn("Deadline scan failed; trying again at the next scan", e);
    }
  }

  private void remindAndEscalate() {
    int reminders = notifications.remindDueTomorrow();
    int escalations = notifications.escalateOverdue(scan.overdueLookback());
    if (reminders + escalations > 0) {
      LOG.info("Deadline scan: {} reminders, {} overdue escalations", reminders, escalations);
    }
  }

  /**
   * From {@code digest-time} on, once a day per cluster. The node that takes the digest lock sends
   * the digests and then keeps the lock until shortly before the next day's digest time, so no
   * other node repeats them; a node that dies while sending holds it at most an hour, then another
   * node finishes the job (mails already recorded are not recorded again).
   */
  private void digestIfDue() throws Throwable {
    LocalDate today = notifications.today();
    ZonedDateTime now = ClockUtil.getCurrentTime().toInstant().atZone(zone);
    if (today.equals(digestsDoneFor) || now.toLocalTime().isBefore(properties.digestTime())) {
      return;
    }
    ZonedDateTime nextDigest = today.plusDays(1).atTime(properties.digestTime()).atZone(zone);
    Duration keep = Duration.between(now, nextDigest).minus(Duration.ofHours(1));
    var result =
        locks.executeWithLock(
            () -> {
              int digests = notifications.sendDigests();
              if (keep.compareTo(Duration.ofMinutes(1)) > 0) {
                LockExtender.extendActiveLock(keep, keep);
              }
              return digests;
            },
            new LockConfiguration(Instant.now(), DIGEST_LOCK, DIGEST_LOCK_AT_MOST, Duration.ZERO));
    if (result.wasExecuted()) {
      digestsDoneFor = today;
      if (result.getResult() > 0) {
        LOG.info("Daily digest: {} digests", result.getResult());
      }
    }
  }
}
