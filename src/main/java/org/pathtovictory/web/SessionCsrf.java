package org.pathtovictory.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF token of our own HTML forms ({@code /me}, {@code /join}, the invitation and group
 * pages): one random token per session, sent as the hidden field {@code _csrf} and checked before
 * anything changes. Sessions live in the database (Spring Session), so any node checks it.
 */
public final class SessionCsrf {

  static final String ATTRIBUTE = "ptv.csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionCsrf() {}

  /** This session's token, made on first use. */
  public static String token(HttpSession session) {
    Object token = session.getAttribute(ATTRIBUTE);
    if (token instanceof String existing) {
      return existing;
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String created = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    session.setAttribute(ATTRIBUTE, created);
    return created;
  }

  /** Whether the submitted token is this session's. */
  public static boolean valid(HttpServletRequest request, String submitted) {
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
    return expected instanceof String token
        && submitted != null
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.US_ASCII),
            submitted.getBytes(StandardCharsets.US_ASCII));
  }
}
