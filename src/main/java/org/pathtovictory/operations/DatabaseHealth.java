package org.pathtovictory.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The readiness check of the database ({@code db} in the readiness group): UP when a connection
 * answers within {@link #BOUND}, otherwise DOWN at once. Spring Boot's own check waits as long as
 * the pool lets a caller wait for a connection, so a stopped database kept readiness from answering
 * at all; here the check runs on its own thread and readiness never waits longer than the bound.
 * One check at a time: callers during a slow one share its outcome instead of piling up.
 */
class DatabaseHealth implements HealthIndicator {

  /** Readiness must say DOWN within 2 s of asking (issue 25); the rest is for the mail check. */
  static final Duration BOUND = Duration.ofMillis(1500);

  private final DataSource dataSource;
  private final ExecutorService checker =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "ptv-database-health");
            thread.setDaemon(true);
            return thread;
          });
  private Future<Health> running;

  DatabaseHealth(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Health health() {
    Future<Health> check;
    synchronized (this) {
      if (running == null || running.isDone()) {
        running = checker.submit(this::check);
      }
      check = running;
    }
    try {
      return check.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      return Health.down()
          .withDetail("reason", "no answer within " + BOUND.toMillis() + " ms")
          .build();
    } catch (ExecutionException failed) {
      return Health.down()
          .withDetail("reason", failed.getCause().getClass().getSimpleName())
          .build();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Health.down().build();
    }
  }

  private Health check() {
    try (Connection connection = dataSource.getConnection()) {
      int seconds = (int) Math.max(1, BOUND.toSeconds());
      return connection.isValid(seconds) ? Health.up().build() : Health.down().build();
    } catch (SQLException unreachable) {
      return Health.down().withDetail("reason", unreachable.getSQLState()).build();
    }
  }

  void close() {
    checker.shutdownNow();
  }
}
