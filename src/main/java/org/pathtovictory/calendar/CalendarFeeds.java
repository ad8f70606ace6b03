package org.pathtovictory.calendar;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.pathtovictory.web.SecretTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The secret addresses of calendar feeds (table {@code ptv_calendar_feed}). A secret is 32 random
 * bytes; only its SHA-256 is stored, so the database never holds a working address and the address
 * is shown to its owner once, when made. One address per user and feed: renewing replaces it,
 * revoking deletes it.
 */
@Component
public class CalendarFeeds {

  /** Whose feed, and which: {@link #PERSONAL} or {@code GROUP:<tenant>}. */
  public record Feed(String userId, String scope, Instant createdAt) {

    public boolean personal() {
      return PERSONAL.equals(scope);
    }

    /** The local group of a group feed. */
    public String group() {
      return scope.startsWith(GROUP) ? scope.substring(GROUP.length()) : null;
    }
  }

  public static final String PERSONAL = "PERSONAL";
  public static final String GROUP = "GROUP:";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;

  CalendarFeeds(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A new secret for this user's feed; the previous one stops working. Returns the secret. */
  @Transactional
  public String renew(String userId, String scope) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.update("delete from ptv_calendar_feed where user_id = ? and scope = ?", userId, scope);
    jdbc.update(
        "insert into ptv_calendar_feed (token_hash, user_id, scope, created_at) values (?, ?, ?, ?)",
        SecretTokens.hash(secret),
        userId,
        scope,
        Timestamp.from(Instant.now()));
    return secret;
  }

  /** The feed stops answering. */
  public boolean revoke(String userId, String scope) {
    return jdbc.update(
            "delete from ptv_calendar_feed where user_id = ? and scope = ?", userId, scope)
        > 0;
  }

  /** The feed this secret opens, if it still does. */
  public Optional<Feed> find(String secret) {
    if (secret == null || !secret.matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty();
    }
    return jdbc
        .query(
            "select user_id, scope, created_at from ptv_calendar_feed where token_hash = ?",
            (rs, row) ->
                new Feed(
                    rs.getString("user_id"),
                    rs.getString("scope"),
                    rs.getTimestamp("created_at").toInstant()),
            SecretTokens.hash(secret))
        .stream()
        .findFirst();
  }

  /** The feeds a user has (without their secrets). */
  public List<Feed> of(String userId) {
    return jdbc.query(
        "select user_id, scope, created_at from ptv_calendar_feed where user_id = ? order by scope",
        (rs, row) ->
            new Feed(
                rs.getString("user_id"),
                rs.getString("scope"),
                rs.getTimestamp("created_at").toInstant()),
        userId);
  }
}
