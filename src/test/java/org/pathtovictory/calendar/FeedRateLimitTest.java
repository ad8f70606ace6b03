package org.pathtovictory.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FeedRateLimitTest {

  @Test
  void refusesAClientOverItsLimitUntilTheNextMinute() {
    var now =
        new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-06-01T10:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    var limit = new FeedRateLimit(3, clock);
    assertThat(limit.allow("10.0.0.1")).isTrue();
    assertThat(limit.allow("10.0.0.1")).isTrue();
    assertThat(limit.allow("10.0.0.1")).isTrue();
    assertThat(limit.allow("10.0.0.1")).isFalse();
    assertThat(limit.allow("10.0.0.2")).isTrue();
    now.set(Instant.parse("2026-06-01T10:01:00Z"));
    assertThat(limit.allow("10.0.0.1")).isTrue();
  }
}
