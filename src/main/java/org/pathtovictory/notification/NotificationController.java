package org.pathtovictory.notification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A user's own notification setting ({@code /api/me/notifications}) and, for administrators, the
 * state of the outbox: counts, failed and skipped mails, a retry, and revoking a user's unsubscribe
 * links ({@code /api/admin/notifications}). The caller is the engine user of the HTTP Basic
 * credentials (see {@code EngineRestAuthentication}).
 */
@RestController
class NotificationController {

  record Setting(NotificationMode mode) {}

  /** A mail as an administrator sees it, without its body. */
  record MailState(
      String id,
      String kind,
      String userId,
      String recipient,
      String subject,
      String taskId,
      String tenantId,
      String status,
      int attempts,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant sentAt,
      String lastError) {

    static MailState of(MailOutbox.OutboxMail m) {
      return new MailState(
          m.id(),
          m.kind(),
          m.userId(),
          m.recipient(),
          m.subject(),
          m.taskId(),
          m.tenantId(),
          m.status(),
          m.attempts(),
          m.createdAt(),
          m.nextAttemptAt(),
          m.sentAt(),
          m.lastError());
    }
  }

  private final IdentityService identityService;
  private final NotificationPreferences preferences;
  private final MailOutbox outbox;
  private final MailDispatcher dispatcher;
  private final UnsubscribeLinks unsubscribeLinks;

  NotificationController(
      IdentityService identityService,
      NotificationPreferences preferences,
      MailOutbox outbox,
      MailDispatcher dispatcher,
      UnsubscribeLinks unsubscribeLinks) {
    this.identityService = identityService;
    this.preferences = preferences;
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.unsubscribeLinks = unsubscribeLinks;
  }

  @GetMapping("/api/me/notifications")
  Setting mySetting() {
    return new Setting(preferences.modeOf(currentUser().getUserId()));
  }

  @PutMapping("/api/me/notifications")
  Setting changeMySetting(@RequestBody Setting setting) {
    if (setting == null || setting.mode() == null) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "mode must be one of EACH, DIGEST, OFF");
    }
    preferences.setMode(currentUser().getUserId(), setting.mode());
    return setting;
  }

  @GetMapping("/api/admin/notifications")
  Map<String, Object> outboxState(
      @RequestParam(defaultValue = "FAILED") String status,
      @RequestParam(defaultValue = "100") int limit) {
    requireAdmin();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("counts", outbox.countByStatus());
    List<MailState> mails =
        outbox.list(status.toUpperCase(), Math.min(Math.max(limit, 1), 1000)).stream()
            .map(MailState::of)
            .toList();
    state.put(status.toUpperCase(), mails);
    return state;
  }

  @PostMapping("/api/admin/notifications/{id}/retry")
  Map<String, Object> retry(@PathVariable String id) {
    requireAdmin();
    if (!outbox.retry(id, Instant.now())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no failed mail " + id);
    }
    dispatcher.wakeUp();
    return Map.of("id", id, "status", MailOutbox.PENDING);
  }

  /**
   * Every unsubscribe link in the user's mails stops working (404), e.g. after a mail was forwarded
   * to a list; mails written from now on carry new ones.
   */
  @PostMapping("/api/admin/notifications/unsubscribe-links/{userId}/revoke")
  Map<String, Object> revokeUnsubscribeLinks(@PathVariable String userId) {
    requireAdmin();
    return Map.of("userId", userId, "revoked", unsubscribeLinks.revokeAll(userId));
  }

  private Authentication currentUser() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
    }
    return authentication;
  }

  private void requireAdmin() {
    List<String> groups = currentUser().getGroupIds();
    if (groups == null || !groups.contains(Groups.CAMUNDA_ADMIN)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "for administrators only");
    }
  }
}
