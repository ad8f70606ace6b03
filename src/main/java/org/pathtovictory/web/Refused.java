package org.pathtovictory.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused request with its status and one plain sentence (e.g. 403: not your group; 409: already
 * a partner).
 */
public class Refused extends RuntimeException implements ApiRefusal {

  private final int status;
  private final String type;

  private Refused(int status, String type, String message) {
    super(message);
    this.status = status;
    this.type = type;
  }

  public static Refused forbidden(String message) {
    return new Refused(403, "Forbidden", message);
  }

  public static Refused notFound(String message) {
    return new Refused(404, "NotFound", message);
  }

  public static Refused gone(String message) {
    return new Refused(410, "Gone", message);
  }

  public static Refused conflict(String message) {
    return new Refused(409, "Conflict", message);
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", getMessage());
    return body;
  }
}
