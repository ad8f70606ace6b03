package org.pathtovictory.web;

import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A bucket (Bucket4j) per client address in front of a public page (unsubscribe, join, invitation):
 * a person needs a few requests, someone guessing tokens or flooding a form gets 429 after {@code
 * perMinute}. The client address is the container's (behind a trusted proxy, from {@code
 * X-Forwarded-For}).
 */
public class PerClientRateLimit extends OncePerRequestFilter {

  /** Past this many addresses the table starts over, so a flood of addresses cannot fill memory. */
  private static final int MAX_CLIENTS = 10_000;

  private final int perMinute;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public PerClientRateLimit(int perMinute) {
    this.perMinute = perMinute;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (buckets.size() > MAX_CLIENTS) {
      buckets.clear();
    }
    Bucket bucket =
        buckets.computeIfAbsent(
            request.getRemoteAddr(),
            address ->
                Bucket.builder()
                    .addLimit(
                        limit ->
                            limit
                                .capacity(perMinute)
                                .refillIntervally(perMinute, Duration.ofMinutes(1)))
                    .build());
    if (bucket.tryConsume(1)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(429);
    response.setHeader("Retry-After", "60");
    response.setContentType("text/plain;charset=UTF-8");
    response
        .getWriter()
        .write("Too many requests from your address; please try again in a minute.");
  }
}
