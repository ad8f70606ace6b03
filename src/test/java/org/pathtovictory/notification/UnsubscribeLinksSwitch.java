package org.pathtovictory.notification;

import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * For the lifecycle benchmark only ({@code bench.LifecycleBenchmark}, which imports it): the
 * application's {@link UnsubscribeLinks} with a switch that stops issuing tokens, so the benchmark
 * can measure what issuing them costs. While off, every mail shows the same well-formed token,
 * which no row stands for (its link answers "not found").
 */
@TestConfiguration
public class UnsubscribeLinksSwitch {

  private static final String NO_TOKEN = "x".repeat(43);
  private static volatile boolean off;

  /** Stops issuing tokens until the returned action runs. */
  public static Runnable off() {
    off = true;
    return () -> off = false;
  }

  @Bean
  @Primary
  UnsubscribeLinks switchableUnsubscribeLinks(
      DataSource dataSource, NotificationProperties properties) {
    return new UnsubscribeLinks(dataSource, properties) {
      @Override
      String issue(String userId) {
        return off ? NO_TOKEN : super.issue(userId);
      }
    };
  }
}
