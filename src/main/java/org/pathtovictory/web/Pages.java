package org.pathtovictory.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The board's HTML pages, from the Thymeleaf templates in {@code templates/board/} (every value
 * goes through {@code th:text} or an attribute, so it is escaped). Pages load scripts and styles
 * from this server only: the security-headers filter sends {@link org.pathtovictory.web.PagePolicy}
 * with each.
 */
@Component
public class Pages {

  private final TemplateEngine engine = new TemplateEngine();
  private final Format format;

  Pages(PathToVictoryProperties properties) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/board/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    engine.setTemplateResolver(resolver);
    this.format = new Format(properties.timeZone());
  }

  public ResponseEntity<String> render(String template, Map<String, Object> model) {
    return render(HttpStatus.OK, template, model);
  }

  public ResponseEntity<String> render(
      HttpStatus status, String template, Map<String, Object> model) {
    Context context = new Context(Locale.US);
    context.setVariables(model);
    context.setVariable("fmt", format);
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .body(engine.process(template, context));
  }

  /** A page with one sentence: what went wrong and what to do. */
  public ResponseEntity<String> message(HttpStatus status, String title, String text) {
    return render(status, "message", Map.of("title", title, "text", text));
  }

  /** Dates and numbers as volunteers read them, in the campaign's time zone. */
  public static final class Format {
    private static final DateTimeFormatter DAY =
        DateTimeFormatter.ofPattern("EEE, MMM d, yyyy", Locale.US);
    private static final DateTimeFormatter DUE =
        DateTimeFormatter.ofPattern("EEE, MMM d, h:mm a", Locale.US);
    private final ZoneId zone;

    Format(ZoneId zone) {
      this.zone = zone;
    }

    public String day(LocalDate day) {
      return day == null ? "not set" : DAY.format(day);
    }

    public String due(Instant due) {
      return due == null ? "no due date" : DUE.format(due.atZone(zone));
    }

    public String number(Long value) {
      return value == null ? "" : NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    public String days(Long days) {
      if (days == null) {
        return "unknown";
      }
      if (days == 0) {
        return "today";
      }
      return days == 1 ? "1 day" : days + " days";
    }

    public String zone() {
      return zone.getId();
    }
  }
}
