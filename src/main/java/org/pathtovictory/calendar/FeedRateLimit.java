package org.pathtovictory.calendar;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The public feed address answers each client a limited number of times a minute: calendar apps
 * poll every few minutes or hours, so the limit only bites someone guessing secrets.
 */
class FeedRateLimit {

  private record Window(long minute, AtomicInteger count) {}

  private final int perMinute;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  FeedRateLimit(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** True when this client may have one more answer this minute. */
  boolean allow(String client) {
    long minute = clock.millis() / 60_000;
    if (windows.size() > 10_000) {
      windows.values().removeIf(w -> w.minute() < minute);
    }
    Window window =
        windows.compute(
            client,
            (key, old) ->
                old == null || old.minute() != minute
                    ? new Window(minute, new AtomicInteger())
                    : old);
    return window.count().incrementAndGet() <= perMinute;
  }

  int perMinute() {
    return perMinute;
  }
}
