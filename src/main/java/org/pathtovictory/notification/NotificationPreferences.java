package org.pathtovictory.notification;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Each user's {@link NotificationMode}, kept as Camunda user info (key {@value #KEY}) beside the
 * user itself, so no table of our own is needed and deleting a user deletes the preference.
 */
@Component
public class NotificationPreferences {

  static final String KEY = "ptv.notifications";

  private final IdentityService identityService;

  NotificationPreferences(IdentityService identityService) {
    this.identityService = identityService;
  }

  public NotificationMode modeOf(String userId) {
    return parse(identityService.getUserInfo(userId, KEY));
  }

  /** A stored preference: unset or unknown is {@link NotificationMode#EACH}. */
  static NotificationMode parse(String value) {
    if (value == null) {
      return NotificationMode.EACH;
    }
    try {
      return NotificationMode.valueOf(value);
    } catch (IllegalArgumentException e) {
      return NotificationMode.EACH;
    }
  }

  public void setMode(String userId, NotificationMode mode) {
    identityService.setUserInfo(userId, KEY, mode.name());
  }
}
