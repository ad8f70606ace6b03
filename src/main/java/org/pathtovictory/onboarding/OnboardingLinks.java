package org.pathtovictory.onboarding;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pathtovictory.web.SecretTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Single-use links sent by mail ({@code ptv_onboarding_link}): an invitation to set a password, or
 * a request to change a join request. Only the SHA-256 of the secret is stored; a link works once
 * and until it expires. Times come from the engine's clock, so tests can let a link expire. Written
 * through the engine's transaction (same data source), so a rolled-back step leaves no link.
 */
@Component
class OnboardingLinks {

  static final String INVITATION = "INVITATION";
  static final String JOIN_CHANGES = "JOIN_CHANGES";

  /** A link as found by its secret. */
  record Link(
      String hash,
      String purpose,
      String email,
      String userId,
      String tenantId,
      String processInstanceId,
      Instant expiresAt,
      Instant usedAt) {

    boolean used() {
      return usedAt != null;
    }

    boolean expired() {
      return !ClockUtil.getCurrentTime().toInstant().isBefore(expiresAt);
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private final JdbcTemplate jdbc;

  OnboardingLinks(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** A new link's secret (shown once, in the mail). */
  String issue(
      String purpose,
      String email,
      String userId,
      String tenantId,
      String processInstanceId,
      String createdBy,
      Duration validFor) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    jdbc.update(
        "INSERT INTO ptv_onboarding_link (token_hash, purpose, email, user_id, tenant_id,"
            + " process_instance_id, created_by, created_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        SecretTokens.hash(token),
        purpose,
        email,
        userId,
        tenantId,
        processInstanceId,
        createdBy,
        Timestamp.from(now),
        Timestamp.from(now.plus(validFor)));
    return token;
  }

  Optional<Link> find(String purpose, String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{20,100}")) {
      return Optional.empty();
    }
    List<Link> found =
        jdbc.query(
            "SELECT token_hash, purpose, email, user_id, tenant_id, process_instance_id,"
                + " expires_at, used_at FROM ptv_onboarding_link WHERE token_hash = ? AND purpose = ?",
            (rs, n) ->
                new Link(
                    rs.getString("token_hash"),
                    rs.getString("purpose"),
                    rs.getString("email"),
                    rs.getString("user_id"),
                    rs.getString("tenant_id"),
                    rs.getString("process_instance_id"),
                    rs.getTimestamp("expires_at").toInstant(),
                    rs.getTimestamp("used_at") == null
                        ? null
                        : rs.getTimestamp("used_at").toInstant()),
            SecretTokens.hash(token),
            purpose);
    return found.stream().findFirst();
  }

  /** Uses the link; false when it was used meanwhile (a second tab, a double click). */
  boolean use(Link link) {
    return jdbc.update(
            "UPDATE ptv_onboarding_link SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
            Timestamp.from(ClockUtil.getCurrentTime().toInstant()),
            link.hash())
        == 1;
  }

  /** Closes every open invitation of this user (they set a password or signed in otherwise). */
  int closeInvitationsOf(String userId) {
    return jdbc.update(
        "UPDATE ptv_onboarding_link SET used_at = ? WHERE user_id = ? AND purpose = ?"
            + " AND used_at IS NULL",
        Timestamp.from(ClockUtil.getCurrentTime().toInstant()),
        userId,
        INVITATION);
  }

  /** Forgets every link of this user (they were removed from their group). */
  void forget(String userId) {
    jdbc.update("DELETE FROM ptv_onboarding_link WHERE user_id = ?", userId);
  }
}
