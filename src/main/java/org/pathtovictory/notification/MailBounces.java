package org.pathtovictory.notification;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.pathtovictory.notification.MailOutbox.OutboxMail;
import org.pathtovictory.web.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Addresses that refuse mail for good (an SMTP 5xx answer). The refused address is kept as Camunda
 * user info beside the user (keys {@value #ADDRESS_KEY}, {@value #REASON_KEY}): while the user's
 * address is still that one, no mail is written for them (SKIPPED, with the reason), and the group
 * leads of the user's own local group(s) are told once per address, so nobody waits for mail that
 * never arrives. Correcting the address in Camunda Admin ends the bouncing by itself.
 */
@Component
class MailBounces {

  static final String ADDRESS_KEY = "ptv.mail.bounced-address";
  static final String REASON_KEY = "ptv.mail.bounce-reason";

  private static final Logger LOG = LoggerFactory.getLogger(MailBounces.class);

  private final IdentityService identityService;
  private final Recipients recipients;
  private final MailComposer composer;
  private final MailOutbox outbox;
  private final NotificationPreferences preferences;

  MailBounces(
      IdentityService identityService,
      Recipients recipients,
      MailComposer composer,
      MailOutbox outbox,
      NotificationPreferences preferences) {
    this.identityService = identityService;
    this.recipients = recipients;
    this.composer = composer;
    this.outbox = outbox;
    this.preferences = preferences;
  }

  /** Whether the user's current address is one that refused mail for good. */
  boolean isBouncing(User user) {
    String bounced = identityService.getUserInfo(user.getId(), ADDRESS_KEY);
    return bounced != null && user.getEmail() != null && bounced.equalsIgnoreCase(user.getEmail());
  }

  String reasonOf(String userId) {
    return identityService.getUserInfo(userId, REASON_KEY);
  }

  /**
   * A mail was refused for good: marks its recipient as bouncing and writes a notice to their
   * lead(s).
   *
   * @return how many notices were written (the dispatcher wakes up for them)
   */
  int refused(OutboxMail mail, String reason) {
    if (mail.userId() == null) {
      // a mail to someone without an account yet (a join request's answer): nobody to tell
      return 0;
    }
    User volunteer = identityService.createUserQuery().userId(mail.userId()).singleResult();
    if (volunteer == null) {
      return 0;
    }
    identityService.setUserInfo(volunteer.getId(), ADDRESS_KEY, mail.recipient());
    identityService.setUserInfo(volunteer.getId(), REASON_KEY, shorten(reason));
    int written = 0;
    for (Map.Entry<String, List<User>> group : recipients.leadsOf(volunteer.getId()).entrySet()) {
      String tenantId = group.getKey().isEmpty() ? null : group.getKey();
      for (User lead : group.getValue()) {
        String key =
            "bounce:"
                + volunteer.getId()
                + ":"
                + SecretTokens.hash(mail.recipient().toLowerCase()).substring(0, 16)
                + ":"
                + lead.getId();
        if (outbox.exists(key)) {
          continue;
        }
        if (lead.getEmail() == null || lead.getEmail().isBlank() || isBouncing(lead)) {
          outbox.skip(
              key,
              MailComposer.Kind.BOUNCE,
              null,
              tenantId,
              lead.getId(),
              "the lead has no working email address");
          continue;
        }
        if (preferences.modeOf(lead.getId()) == NotificationMode.OFF) {
          outbox.skip(
              key,
              MailComposer.Kind.BOUNCE,
              null,
              tenantId,
              lead.getId(),
              "the lead turned mail off");
          continue;
        }
        outbox.enqueue(
            key,
            MailComposer.Kind.BOUNCE,
            null,
            tenantId,
            lead.getId(),
            lead.getEmail(),
            composer.bounceNotice(lead, volunteer, mail.recipient(), reason));
        written++;
      }
    }
    LOG.warn(
        "Mail {} to user {} refused for good; the address is marked as bouncing, {} lead(s) told:"
            + " {}",
        mail.id(),
        volunteer.getId(),
        written,
        reason);
    return written;
  }

  /** Camunda's user info values hold 255 characters. */
  private static String shorten(String reason) {
    return reason == null || reason.length() <= 255 ? reason : reason.substring(0, 252) + "...";
  }
}
