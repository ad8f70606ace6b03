package org.pathtovictory.notification;

/** What a user wants to hear about their tasks. */
public enum NotificationMode {
  /** one mail per task, reminder and escalation (the default) */
  EACH,
  /** one mail a day listing every task waiting for the user */
  DIGEST,
  /** no mail at all */
  OFF
}
