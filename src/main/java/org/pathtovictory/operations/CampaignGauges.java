package org.pathtovictory.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The gauges of a season: how many mails wait and for how long, how many jobs are due or failed,
 * how many incidents and tasks are open or overdue. One scrape reads them all from one snapshot of
 * a few counting queries, taken at most once per {@code gauges-fresh}; while the database is away
 * the gauges are NaN (readiness says why) and the snapshot is not retried before the next period.
 */
@Component
class CampaignGauges implements MeterBinder {

  private static final Logger LOG = LoggerFactory.getLogger(CampaignGauges.class);

  /** Due, not locked by a job executor, not suspended: what the executors should be running. */
  private static final String JOBS_DUE =
      "SELECT COUNT(*) FROM ACT_RU_JOB WHERE RETRIES_ > 0 AND SUSPENSION_STATE_ = 1"
          + " AND (DUEDATE_ IS NULL OR DUEDATE_ <= ?)"
          + " AND (LOCK_EXP_TIME_ IS NULL OR LOCK_EXP_TIME_ < ?)";

  private static final String PENDING_MAIL =
      "SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM ptv_mail_outbox"
          + " WHERE status = 'PENDING'";

  private final JdbcTemplate jdbc;
  private final ManagementService management;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final Duration fresh;
  private final Clock clock;
  private Snapshot snapshot;
  private Instant takenAt = Instant.MIN;

  CampaignGauges(
      JdbcTemplate jdbc,
      ManagementService management,
      RuntimeService runtime,
      TaskService tasks,
      OperationsProperties properties) {
    this.jdbc = jdbc;
    this.management = management;
    this.runtime = runtime;
    this.tasks = tasks;
    this.fresh = properties.gaugesFresh();
    this.clock = Clock.systemUTC();
  }

  record Snapshot(
      double mailPending,
      double oldestPendingSeconds,
      double jobsDue,
      double jobsFailed,
      double incidentsOpen,
      double tasksOpen,
      double tasksOverdue) {

    static final Snapshot UNKNOWN =
        new Snapshot(
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(
        registry,
        "ptv.mail.outbox.pending",
        "Mails in the outbox not sent yet",
        Snapshot::mailPending);
    gauge(
        registry,
        "ptv.mail.outbox.oldest.pending.seconds",
        "Age of the oldest mail not sent yet (0 when none waits)",
        Snapshot::oldestPendingSeconds);
    gauge(
        registry,
        "ptv.jobs.due",
        "Jobs and timers due now and not taken by a node",
        Snapshot::jobsDue);
    gauge(registry, "ptv.jobs.failed", "Jobs with no retries left", Snapshot::jobsFailed);
    gauge(registry, "ptv.incidents.open", "Open incidents", Snapshot::incidentsOpen);
    gauge(registry, "ptv.tasks.open", "Open user tasks", Snapshot::tasksOpen);
    gauge(
        registry,
        "ptv.tasks.overdue",
        "Open user tasks past their due date",
        Snapshot::tasksOverdue);
  }

  private void gauge(
      MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> value) {
    Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.snapshot()))
        .description(description)
        .register(registry);
  }

  /** The counts of at most {@code gauges-fresh} ago; read again when older. */
  synchronized Snapshot snapshot() {
    Instant now = clock.instant();
    if (snapshot == null || !now.isBefore(takenAt.plus(fresh))) {
      takenAt = now;
      try {
        snapshot = read();
      } catch (RuntimeException unavailable) {
        LOG.debug("Gauges not read (database away?): {}", unavailable.getMessage());
        snapshot = Snapshot.UNKNOWN;
      }
    }
    return snapshot;
  }

  private Snapshot read() {
    // the engine's clock: due dates and timers are compared with it
    Timestamp engineNow = new Timestamp(ClockUtil.getCurrentTime().getTime());
    double[] mail = {0, 0};
    jdbc.query(
        PENDING_MAIL,
        row -> {
          mail[0] = row.getLong("pending");
          Timestamp oldest = row.getTimestamp("oldest");
          mail[1] =
              oldest == null
                  ? 0
                  : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toSeconds());
        });
    Long due = jdbc.queryForObject(JOBS_DUE, Long.class, engineNow, engineNow);
    return new Snapshot(
        mail[0],
        mail[1],
        due == null ? 0 : due,
        management.createJobQuery().noRetriesLeft().count(),
        runtime.createIncidentQuery().count(),
        tasks.createTaskQuery().count(),
        tasks.createTaskQuery().dueBefore(engineNow).count());
  }
}
