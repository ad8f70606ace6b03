package org.pathtovictory.notification;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The one-click unsubscribe link of every mail ({@code /unsubscribe/{token}}), public by design:
 * the token in the link is the only credential, so there is no sign-in and no session, and a forged
 * cross-site request could do nothing that the token's holder could not (Camunda's CSRF filter
 * covers only {@code /camunda/api/*} and {@code /camunda/app/*}; this path carries no cookie-based
 * authority at all).
 *
 * <ul>
 *   <li>{@code GET} shows what the link will do and changes nothing (mail scanners open links);
 *   <li>{@code POST} with {@code List-Unsubscribe=One-Click} (RFC 8058, sent by the mail client)
 *       turns the user's mail off; the page's own form sends {@code mode} = OFF, DIGEST or EACH
 *       (the way back).
 * </ul>
 *
 * An unknown, old or revoked token answers 404; requests are rate limited per address ({@link
 * org.pathtovictory.web.PerClientRateLimit}).
 */
@RestController
class UnsubscribeController {

  static final String PATH = "/unsubscribe/";

  private final UnsubscribeLinks links;
  private final NotificationPreferences preferences;
  private final IdentityService identityService;
  private final ITemplateEngine templates;

  UnsubscribeController(
      UnsubscribeLinks links,
      NotificationPreferences preferences,
      IdentityService identityService,
      ITemplateEngine mailTemplates) {
    this.links = links;
    this.preferences = preferences;
    this.identityService = identityService;
    this.templates = mailTemplates;
  }

  @GetMapping(PATH + "{token}")
  ResponseEntity<String> show(@PathVariable String token) {
    Optional<User> user = userOf(token);
    if (user.isEmpty()) {
      return notFound();
    }
    return page(HttpStatus.OK, user.get(), null, null);
  }

  @PostMapping(PATH + "{token}")
  ResponseEntity<String> change(
      @PathVariable String token, @RequestParam MultiValueMap<String, String> form) {
    Optional<User> user = userOf(token);
    if (user.isEmpty()) {
      return notFound();
    }
    String mode = form.getFirst("mode");
    NotificationMode chosen;
    if (mode != null) {
      try {
        chosen = NotificationMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return page(
            HttpStatus.BAD_REQUEST,
            user.get(),
            null,
            "The choice (mode) must be OFF, DIGEST or EACH; nothing was changed.");
      }
    } else if ("One-Click".equals(form.getFirst("List-Unsubscribe"))) {
      chosen = NotificationMode.OFF;
    } else {
      return page(
          HttpStatus.BAD_REQUEST,
          user.get(),
          null,
          "Please choose one of the buttons below (the form sent no choice); nothing was changed.");
    }
    preferences.setMode(user.get().getId(), chosen);
    return page(HttpStatus.OK, user.get(), chosen, null);
  }

  private Optional<User> userOf(String token) {
    return links
        .userOf(token)
        .map(id -> identityService.createUserQuery().userId(id).singleResult());
  }

  private ResponseEntity<String> page(
      HttpStatus status, User user, NotificationMode changedTo, String problem) {
    NotificationMode mode = preferences.modeOf(user.getId());
    Context context = new Context(Locale.US);
    context.setVariables(
        Map.of(
            "firstName",
            user.getFirstName() == null || user.getFirstName().isBlank()
                ? user.getId()
                : user.getFirstName(),
            "mode",
            mode.name(),
            "changed",
            changedTo != null,
            "choices",
            // stopping comes first: that is what the link in the mail promised
            List.of(NotificationMode.OFF, NotificationMode.DIGEST, NotificationMode.EACH).stream()
                .filter(m -> m != mode)
                .map(Enum::name)
                .toList()));
    if (problem != null) {
      context.setVariable("problem", problem);
    }
    return html(status, templates.process("pages/unsubscribe.html", context));
  }

  private ResponseEntity<String> notFound() {
    return html(
        HttpStatus.NOT_FOUND, templates.process("pages/unsubscribe-unknown.html", new Context()));
  }

  static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        // the token is in the address: never hand it to another site
        .header("Referrer-Policy", "no-referrer")
        .header("X-Robots-Tag", "noindex")
        .body(body);
  }
}
