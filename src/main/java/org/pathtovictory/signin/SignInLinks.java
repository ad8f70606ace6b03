package org.pathtovictory.signin;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pathtovictory.web.SecretTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emailed sign-in links (table {@code ptv_sign_in_link}): 32 random bytes each, kept as their
 * SHA-256 only, valid {@link #VALID_FOR}, used once. In the database, so the node that sent the
 * mail need not be the one that opens it.
 */
@Component
class SignInLinks {

  static final Duration VALID_FOR = Duration.ofMinutes(15);

  /** Who a used link signs in, and where it takes them. */
  record Used(String userId, String email, String returnTo) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;

  SignInLinks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A new link's secret for this user at this address. */
  String issue(String userId, String email, String returnTo) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    jdbc.update(
        "DELETE FROM ptv_sign_in_link WHERE expires_at < ?", Timestamp.from(now.minus(VALID_FOR)));
    jdbc.update(
        "INSERT INTO ptv_sign_in_link (token_hash, user_id, email, return_to, created_at,"
            + " expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        SecretTokens.hash(token),
        userId,
        email,
        returnTo,
        Timestamp.from(now),
        Timestamp.from(now.plus(VALID_FOR)));
    return token;
  }

  /**
   * Uses the link if it is unused and unexpired; the update is the check, so two tabs (or two
   * nodes) posting the same link at once sign in only one of them.
   */
  @Transactional
  Optional<Used> use(String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{20,100}")) {
      return Optional.empty();
    }
    String hash = SecretTokens.hash(token);
    Timestamp now = Timestamp.from(ClockUtil.getCurrentTime().toInstant());
    int used =
        jdbc.update(
            "UPDATE ptv_sign_in_link SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                + " AND expires_at > ?",
            now,
            hash,
            now);
    if (used != 1) {
      return Optional.empty();
    }
    List<Used> found =
        jdbc.query(
            "SELECT user_id, email, return_to FROM ptv_sign_in_link WHERE token_hash = ?",
            (rs, n) ->
                new Used(rs.getString("user_id"), rs.getString("email"), rs.getString("return_to")),
            hash);
    return found.stream().findFirst();
  }
}
