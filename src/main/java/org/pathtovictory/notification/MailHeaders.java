package org.pathtovictory.notification;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.springframework.stereotype.Component;

/**
 * The addresses a mail names besides its recipient: the domain of its {@code Message-ID}, and the
 * one-click unsubscribe link (RFC 8058) with its {@code mailto:} alternative (RFC 2369).
 */
@Component
class MailHeaders {

  /** RFC 8058: the body a mail client POSTs to the unsubscribe link. */
  static final String ONE_CLICK = "List-Unsubscribe=One-Click";

  private final String base;
  private final String domain;
  private final String mailbox;

  MailHeaders(PathToVictoryProperties app, NotificationProperties properties) {
    String url = app.publicBaseUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.domain =
        properties.messageIdDomain() == null || properties.messageIdDomain().isBlank()
            ? hostOf(app.publicBaseUrl())
            : properties.messageIdDomain();
    this.mailbox =
        properties.unsubscribeMailbox() == null || properties.unsubscribeMailbox().isBlank()
            ? "unsubscribe@" + domain
            : properties.unsubscribeMailbox();
  }

  private static String hostOf(URI url) {
    String host = url.getHost();
    if (host == null || host.isBlank()) {
      throw new IllegalStateException(
          "pathtovictory.public-base-url has no host name: set it to the address volunteers use,"
              + " or set pathtovictory.notifications.message-id-domain");
    }
    return host;
  }

  String domain() {
    return domain;
  }

  /** Stable per outbox row: a mail sent again is recognisably the same mail. */
  String messageId(String outboxId) {
    return "<" + outboxId + "@" + domain + ">";
  }

  String unsubscribeUrl(String token) {
    return base + "/unsubscribe/" + token;
  }

  /** The value of {@code List-Unsubscribe}: the HTTPS link first, then the mailbox. */
  String listUnsubscribe(String token) {
    return "<"
        + unsubscribeUrl(token)
        + ">, <mailto:"
        + mailbox
        + "?subject="
        + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20")
        + ">";
  }
}
