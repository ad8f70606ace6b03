package org.pathtovictory.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pathtovictory.system.ApiRefusal;

/** A refusal of the plan editor's API: its status and {@code {"message": ...}} plus details. */
class PlanRefusal extends RuntimeException implements ApiRefusal {

  private final int status;
  private final Map<String, Object> details;

  PlanRefusal(int status, String message) {
    this(status, message, Map.of());
  }

  PlanRefusal(int status, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.details = details;
  }

  static PlanRefusal signedOut() {
    return new PlanRefusal(401, "You are signed out. Sign in to Tasklist again, then reload.");
  }

  static PlanRefusal notAnEditor() {
    return new PlanRefusal(403, PlanSession.ONLY_EDITORS);
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "type",
        switch (status) {
          case 400 -> "DeploymentRefused";
          case 401 -> "Unauthorized";
          case 403 -> "Forbidden";
          case 404 -> "NotFound";
          case 409 -> "Conflict";
          default -> "Refused";
        });
    body.put("message", getMessage());
    body.putAll(details);
    return body;
  }
}
