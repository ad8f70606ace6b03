package org.pathtovictory.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where start-up time goes. With {@code PTV_STARTUP_TRACE=true} in the environment (or {@code
 * -Dpathtovictory.startup-trace=true}) Spring records every step of the start (each bean created,
 * each configuration read, the context refresh) and, once the application is ready, the slowest
 * steps by their own time (without the steps inside them) are logged. Off by default: recording
 * costs a little memory and time.
 */
@Component
public class StartupTrace {

  static final String PROPERTY = "pathtovictory.startup-trace";
  static final String ENVIRONMENT = "PTV_STARTUP_TRACE";
  private static final Logger LOG = LoggerFactory.getLogger(StartupTrace.class);

  /** Turns recording on for this start when the switch is set. */
  public static void applyTo(SpringApplication application) {
    if (Boolean.getBoolean(PROPERTY) || "true".equalsIgnoreCase(System.getenv(ENVIRONMENT))) {
      application.setApplicationStartup(new BufferingApplicationStartup(50_000));
    }
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    if (event.getApplicationContext().getApplicationStartup()
        instanceof BufferingApplicationStartup recorded) {
      StartupTimeline timeline = recorded.getBufferedTimeline();
      LOG.info(
          "Start-up trace: {} steps; the 25 slowest by their own time:\n{}",
          timeline.getEvents().size(),
          String.join("\n", slowest(timeline.getEvents(), 25)));
    }
  }

  /** One line per step, slowest own time first: seconds, step name and its tags. */
  static List<String> slowest(List<TimelineEvent> events, int count) {
    Map<Long, Duration> inside = new HashMap<>();
    for (TimelineEvent event : events) {
      Long parent = event.getStartupStep().getParentId();
      if (parent != null) {
        inside.merge(parent, event.getDuration(), Duration::plus);
      }
    }
    List<Map.Entry<TimelineEvent, Duration>> own = new ArrayList<>();
    for (TimelineEvent event : events) {
      Duration children = inside.getOrDefault(event.getStartupStep().getId(), Duration.ZERO);
      own.add(Map.entry(event, event.getDuration().minus(children)));
    }
    return own.stream()
        .sorted(Map.Entry.<TimelineEvent, Duration>comparingByValue(Comparator.reverseOrder()))
        .limit(count)
        .map(
            entry ->
                String.format(
                    "%7.3f s  %s %s",
                    entry.getValue().toNanos() / 1e9,
                    entry.getKey().getStartupStep().getName(),
                    StreamSupport.stream(
                            entry.getKey().getStartupStep().getTags().spliterator(), false)
                        .map(tag -> tag.getKey() + "=" + tag.getValue())
                        .collect(Collectors.joining(" "))))
        .toList();
  }
}
