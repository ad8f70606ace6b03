package org.pathtovictory.onboarding;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pathtovictory.web.ApiRefusal;

/** A refused request with its status and one sentence (e.g. 403: not your group). */
class Refusal extends RuntimeException implements ApiRefusal {

  private final int status;
  private final String type;

  Refusal(int status, String type, String message) {
    super(message);
    this.status = status;
    this.type = type;
  }

  static Refusal forbidden(String message) {
    return new Refusal(403, "Forbidden", message);
  }

  static Refusal notFound(String message) {
    return new Refusal(404, "NotFound", message);
  }

  static Refusal gone(String message) {
    return new Refusal(410, "Gone", message);
  }

  static Refusal conflict(String message) {
    return new Refusal(409, "Conflict", message);
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
