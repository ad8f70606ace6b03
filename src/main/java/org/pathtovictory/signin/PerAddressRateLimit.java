package org.pathtovictory.signin;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bucket (Bucket4j) per email address: a few sign-in links a quarter of an hour, so nobody can
 * flood a volunteer's inbox. Counted for every address asked for, with or without an account, so
 * the answer says nothing about which addresses have one. Per node: behind a load balancer a
 * flooder gets at most this many per node.
 */
class PerAddressRateLimit {

  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final int MAX_ADDRESSES = 10_000;

  private final int perWindow;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  PerAddressRateLimit(int perWindow) {
    this.perWindow = perWindow;
  }

  /** True when one more link may go to this address now. */
  boolean allow(String address) {
    if (buckets.size() > MAX_ADDRESSES) {
      buckets.clear();
    }
    return buckets
        .computeIfAbsent(
            address.trim().toLowerCase(Locale.ROOT),
            key ->
                Bucket.builder()
                    .addLimit(
                        limit -> limit.capacity(perWindow).refillIntervally(perWindow, WINDOW))
                    .build())
        .tryConsume(1);
  }
}
