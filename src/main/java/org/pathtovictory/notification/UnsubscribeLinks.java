package org.pathtovictory.notification;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.pathtovictory.web.SecretTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The tokens of the one-click unsubscribe links (table {@code ptv_unsubscribe_link}). Each mail
 * gets a token of its own, bound to one user and good for nothing but that user's mail setting;
 * only its SHA-256 hash is stored, so the raw token exists only in the mail (and its outbox row). A
 * token is refused once it is older than {@code unsubscribe-link-max-age} or revoked.
 *
 * <p>A table of ours rather than Camunda user info: the page must find the user <em>by</em> the
 * token, which user info (keyed by user) cannot answer without reading every user's entries.
 */
@Component
class UnsubscribeLinks {

  /** 32 random bytes, base64url without padding. */
  static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final NotificationProperties properties;

  UnsubscribeLinks(DataSource dataSource, NotificationProperties properties) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.properties = properties;
  }

  /** A new token for a mail to {@code userId}; joins the caller's transaction (the mail's). */
  String issue(String userId) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.update(
        "INSERT INTO ptv_unsubscribe_link (token_hash, user_id, created_at) VALUES (?, ?, ?)",
        SecretTokens.hash(token),
        userId,
        Timestamp.from(Instant.now()));
    return token;
  }

  /** The user a valid token belongs to; empty for a malformed, unknown, old or revoked token. */
  Optional<String> userOf(String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    List<String> users =
        jdbc.queryForList(
            "SELECT user_id FROM ptv_unsubscribe_link"
                + " WHERE token_hash = ? AND revoked_at IS NULL AND created_at > ?",
            String.class,
            SecretTokens.hash(token),
            Timestamp.from(Instant.now().minus(properties.unsubscribeLinkMaxAge())));
    return users.stream().findFirst();
  }

  /** Every link of the user stops working (e.g. a mail was forwarded to people it was not for). */
  int revokeAll(String userId) {
    return jdbc.update(
        "UPDATE ptv_unsubscribe_link SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        Timestamp.from(Instant.now()),
        userId);
  }

  /** Links past their age answer 404 anyway; their rows go. Harmless on two nodes at once. */
  @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT24H")
  void forgetOldLinks() {
    jdbc.update(
        "DELETE FROM ptv_unsubscribe_link WHERE created_at < ?",
        Timestamp.from(Instant.now().minus(properties.unsubscribeLinkMaxAge())));
  }
}
