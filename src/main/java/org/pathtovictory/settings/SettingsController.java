package org.pathtovictory.settings;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.pathtovictory.calendar.CalendarFeeds;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.identity.Viewer;
import org.pathtovictory.identity.Viewers;
import org.pathtovictory.notification.NotificationMode;
import org.pathtovictory.notification.NotificationPreferences;
import org.pathtovictory.web.Pages;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /me}: the signed-in volunteer's settings. Changes are plain HTML forms, each carrying a
 * per-session token (checked before anything changes), answered with a redirect back to the page. A
 * new calendar address is shown once, right after it is made: only its hash is kept.
 */
@RestController
class SettingsController {

  static final String NEW_FEED = "ptv.settings.newFeed";
  static final String SAVED = "ptv.settings.saved";

  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private final Viewers viewers;
  private final Pages pages;
  private final NotificationPreferences preferences;
  private final CalendarFeeds feeds;
  private final IdentityService identityService;
  private final String baseUrl;
  private final ZoneId zone;

  SettingsController(
      Viewers viewers,
      Pages pages,
      NotificationPreferences preferences,
      CalendarFeeds feeds,
      IdentityService identityService,
      PathToVictoryProperties properties) {
    this.viewers = viewers;
    this.pages = pages;
    this.preferences = preferences;
    this.feeds = feeds;
    this.identityService = identityService;
    String base = properties.publicBaseUrl().toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.zone = properties.timeZone();
  }

  @GetMapping(value = "/me", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(HttpServletRequest request) {
    var viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request);
    }
    HttpSession session = request.getSession();
    Map<String, String> created = takeNewFeed(session);
    Object saved = session.getAttribute(SAVED);
    session.removeAttribute(SAVED);

    Map<String, FeedRow> rows = new LinkedHashMap<>();
    rows.put(
        CalendarFeeds.PERSONAL,
        new FeedRow(
            CalendarFeeds.PERSONAL,
            "My calendar",
            "Your open tasks' due dates and your campaigns' key dates (primary, general election,"
                + " get-out-the-vote start, kick-off party).",
            null,
            created.get(CalendarFeeds.PERSONAL)));
    for (String group : viewer.get().tenantIds()) {
      String scope = CalendarFeeds.GROUP + group;
      rows.put(
          scope,
          new FeedRow(
              scope,
              groupName(group) + " calendar",
              "Every open task of the group's campaigns and their key dates.",
              null,
              created.get(scope)));
    }
    for (CalendarFeeds.Feed feed : feeds.of(viewer.get().userId())) {
      FeedRow row = rows.get(feed.scope());
      if (row != null) {
        rows.put(
            feed.scope(),
            new FeedRow(
                row.scope(),
                row.title(),
                row.what(),
                CREATED.format(feed.createdAt().atZone(zone)),
                row.newUrl()));
      }
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("viewer", viewer.get());
    model.put("mode", preferences.modeOf(viewer.get().userId()).name());
    model.put("csrf", org.pathtovictory.web.SessionCsrf.token(session));
    model.put("feeds", new ArrayList<>(rows.values()));
    model.put("saved", saved == null ? null : saved.toString());
    return pages.render("me", model);
  }

  @PostMapping(value = "/me/notifications", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> changeMode(
      HttpServletRequest request,
      @RequestParam(name = "_csrf", required = false) String csrf,
      @RequestParam(required = false) String mode) {
    var viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request);
    }
    if (!org.pathtovictory.web.SessionCsrf.valid(request, csrf)) {
      return expired();
    }
    NotificationMode chosen;
    try {
      chosen = NotificationMode.valueOf(mode == null ? "" : mode);
    } catch (IllegalArgumentException e) {
      return pages.message(
          HttpStatus.BAD_REQUEST,
          "Please choose how to hear about your tasks",
          "mode must be one of EACH (a mail per task), DIGEST (one mail a day) or OFF (no mail).");
    }
    preferences.setMode(viewer.get().userId(), chosen);
    request.getSession().setAttribute(SAVED, "Saved: " + describe(chosen));
    return backToPage(request);
  }

  @PostMapping(value = "/me/calendar/renew", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> renew(
      HttpServletRequest request,
      @RequestParam(name = "_csrf", required = false) String csrf,
      @RequestParam(required = false) String scope) {
    return changeFeed(
        request,
        csrf,
        scope,
        userId -> {
          String secret = feeds.renew(userId, scope);
          request.getSession().setAttribute(NEW_FEED, scope + " " + feedUrl(secret));
          request
              .getSession()
              .setAttribute(
                  SAVED, "Your new calendar address is below; the old one no longer works.");
        });
  }

  @PostMapping(value = "/me/calendar/revoke", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> revoke(
      HttpServletRequest request,
      @RequestParam(name = "_csrf", required = false) String csrf,
      @RequestParam(required = false) String scope) {
    return changeFeed(
        request,
        csrf,
        scope,
        userId -> {
          feeds.revoke(userId, scope);
          request.getSession().setAttribute(SAVED, "Calendar address switched off.");
        });
  }

  /** A change to one of the signed-in user's calendar addresses, after the same three checks. */
  private ResponseEntity<String> changeFeed(
      HttpServletRequest request,
      String csrf,
      String scope,
      java.util.function.Consumer<String> change) {
    var viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request);
    }
    if (!org.pathtovictory.web.SessionCsrf.valid(request, csrf)) {
      return expired();
    }
    if (!allowedScope(viewer.get(), scope)) {
      return unknownFeed();
    }
    change.accept(viewer.get().userId());
    return backToPage(request);
  }

  String feedUrl(String secret) {
    return baseUrl + "/calendar/" + secret + ".ics";
  }

  private static boolean allowedScope(Viewer viewer, String scope) {
    return CalendarFeeds.PERSONAL.equals(scope)
        || scope != null
            && scope.startsWith(CalendarFeeds.GROUP)
            && viewer.tenantIds().contains(scope.substring(CalendarFeeds.GROUP.length()));
  }

  private static Map<String, String> takeNewFeed(HttpSession session) {
    Object value = session.getAttribute(NEW_FEED);
    session.removeAttribute(NEW_FEED);
    if (!(value instanceof String text) || !text.contains(" ")) {
      return Map.of();
    }
    String[] parts = text.split(" ", 2);
    return Map.of(parts[0], parts[1]);
  }

  private ResponseEntity<String> expired() {
    return pages.message(
        HttpStatus.FORBIDDEN,
        "Nothing was changed",
        "This form has expired or did not come from your settings page. Open your settings page"
            + " again and repeat the change.");
  }

  private ResponseEntity<String> unknownFeed() {
    return pages.message(
        HttpStatus.BAD_REQUEST,
        "Nothing was changed",
        "scope must be your own calendar (PERSONAL) or one of your local groups (GROUP:<group>).");
  }

  private String groupName(String tenantId) {
    Tenant tenant = identityService.createTenantQuery().tenantId(tenantId).singleResult();
    return tenant == null || tenant.getName() == null ? tenantId : tenant.getName();
  }

  private static String describe(NotificationMode mode) {
    return switch (mode) {
      case EACH -> "a mail for each task";
      case DIGEST -> "one summary mail a day";
      case OFF -> "no mails";
    };
  }

  private static ResponseEntity<String> backToPage(HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(URI.create(request.getContextPath() + "/me"))
        .build();
  }

  private static ResponseEntity<String> signIn(HttpServletRequest request) {
    String target =
        request.getContextPath() + "/camunda/app/tasklist/default/?returnTo=%2Fme#/login";
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target)).build();
  }
}
