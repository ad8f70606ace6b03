package org.pathtovictory.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The secret in a link (calendar feed, unsubscribe, invitation, sign-in) is stored only as its
 * SHA-256, so a copy of the database opens nothing. One function for every kind of link.
 */
public final class SecretTokens {

  private SecretTokens() {}

  /** The stored form of a link's secret: SHA-256, as lowercase hex. */
  public static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
