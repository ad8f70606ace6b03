package org.pathtovictory.calendar;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.pathtovictory.identity.Viewers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /calendar/{secret}.ics}: the one address that answers without a password, because a
 * calendar app cannot sign in. Rate limited per client; an unknown, renewed or revoked secret, and
 * a group feed of someone no longer in the group, all answer 404 alike.
 */
@RestController
class CalendarFeedController {

  static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

  private final CalendarFeeds feeds;
  private final CampaignCalendarFeed calendar;
  private final Viewers viewers;
  private final IdentityService identityService;
  private final FeedRateLimit limit;

  CalendarFeedController(
      CalendarFeeds feeds,
      CampaignCalendarFeed calendar,
      Viewers viewers,
      IdentityService identityService,
      @Value("${pathtovictory.calendar-feed-requests-per-minute:60}") int perMinute) {
    this.feeds = feeds;
    this.calendar = calendar;
    this.viewers = viewers;
    this.identityService = identityService;
    this.limit = new FeedRateLimit(perMinute, Clock.systemUTC());
  }

  @GetMapping("/calendar/{secret}.ics")
  ResponseEntity<String> feed(HttpServletRequest request, @PathVariable String secret) {
    if (!limit.allow(request.getRemoteAddr())) {
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
          .header("Retry-After", "60")
          .contentType(MediaType.TEXT_PLAIN)
          .body(
              "Too many calendar requests from your address; at most "
                  + limit.perMinute()
                  + " a minute. Try again in a minute.");
    }
    var feed = feeds.find(secret);
    var viewer = feed.flatMap(f -> viewers.of(f.userId()));
    if (feed.isEmpty() || viewer.isEmpty()) {
      return notFound();
    }
    String body;
    if (feed.get().personal()) {
      body = calendar.personal(viewer.get());
    } else {
      String group = feed.get().group();
      if (group == null || !viewer.get().tenantIds().contains(group)) {
        return notFound();
      }
      Tenant tenant = identityService.createTenantQuery().tenantId(group).singleResult();
      body =
          calendar.group(
              viewer.get(),
              group,
              tenant == null || tenant.getName() == null ? group : tenant.getName());
    }
    return ResponseEntity.ok()
        .contentType(CALENDAR)
        .cacheControl(CacheControl.noCache())
        .header("Content-Disposition", "inline; filename=\"path-to-victory.ics\"")
        .body(body);
  }

  private static ResponseEntity<String> notFound() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.TEXT_PLAIN)
        .body(
            "This calendar address does not work (any more). Get the current one from your"
                + " settings page (/me).");
  }
}
