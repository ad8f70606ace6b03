package org.pathtovictory.notification;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.pathtovictory.web.SecretTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The tokens of the one-click unsubscribe links (table {@code ptv_unsubscribe_link}). A token is
 * bound to one user and good for nothing but that user's mail setting; only its SHA-256 hash is
 * stored, so the raw token exists only in the mails (and their outbox rows). A token is refused
 * once it is older than {@code unsubscribe-link-max-age} or revoked. One token serves a user's
 * mails for a while ({@link #REUSE_SHARE} of the maximum age) on each node, instead of one row per
 * mail (issue 26: the row per mail was part of what every task costs); a revoked, aged or
 * rolled-back token is never handed out again.
 *
 * <p>A table of ours rather than Camunda user info: the page must find the user <em>by</em> the
 * token, which user info (keyed by user) cannot answer without reading every user's entries.
 */
@Component
class UnsubscribeLinks {

  /** 32 random bytes, base64url without padding. */
  static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A token is handed out again for this share of the maximum age (365 days: about a month). */
  static final int REUSE_SHARE = 12;

  private final JdbcTemplate jdbc;
  private final NotificationProperties properties;

  /** The token this node last issued to each user, and when. */
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();

  private record Issued(String token, Instant at) {}

  UnsubscribeLinks(DataSource dataSource, NotificationProperties properties) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.properties = properties;
  }

  /**
   * The token for a mail to {@code userId}: the one this node issued to them lately while it still
   * works, else a new one, which joins the caller's transaction (the mail's).
   */
  String issue(String userId) {
    Issued last = issued.get(userId);
    Instant now = Instant.now();
    if (last != null
        && last.at().isAfter(now.minus(properties.unsubscribeLinkMaxAge().dividedBy(REUSE_SHARE)))
        && userOf(last.token()).filter(userId::equals).isPresent()) {
      return last.token();
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.update(
        "INSERT INTO ptv_unsubscribe_link (token_hash, user_id, created_at) VALUES (?, ?, ?)",
        SecretTokens.hash(token),
        userId,
        Timestamp.from(now));
    issued.put(userId, new Issued(token, now));
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
    issued.remove(userId);
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
