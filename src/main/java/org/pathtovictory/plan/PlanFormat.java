package org.pathtovictory.plan;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.pathtovictory.system.PathToVictoryProperties;
import org.springframework.stereotype.Component;

/** Times as organizers read them, in the campaign's time zone. */
@Component
public class PlanFormat {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm a", Locale.US);

  private final PathToVictoryProperties properties;

  PlanFormat(PathToVictoryProperties properties) {
    this.properties = properties;
  }

  public String when(Instant instant) {
    return instant == null
        ? "unknown"
        : WHEN.format(instant.atZone(properties.timeZone()))
            + " ("
            + properties.timeZone().getId()
            + ")";
  }
}
