package org.springframework.boot.context.metrics.buffering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link BufferingApplicationStartup} on a clock the test moves, so that a step takes exactly the
 * time the test says instead of however long a pause lasts on a loaded machine. Lives in Spring
 * Boot's package because the constructor with a clock is package-private (Spring Boot's own tests
 * use it the same way); test code only.
 */
public final class ClockedStartup {

  private ClockedStartup() {}

  public static BufferingApplicationStartup on(MovedClock clock) {
    return new BufferingApplicationStartup(100, clock);
  }

  /** A clock that stands still until it is moved on. */
  public static final class MovedClock extends Clock {
    private Instant now = Instant.parse("2026-06-01T09:00:00Z");

    public void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
