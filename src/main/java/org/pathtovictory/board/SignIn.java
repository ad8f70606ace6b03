package org.pathtovictory.board;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Our pages on Tasklist's sign-in: a signed-out visitor goes there and comes back afterwards. */
public final class SignIn {

  private SignIn() {}

  /** A redirect to Tasklist's sign-in that returns to this request's address. */
  public static ResponseEntity<String> andBack(HttpServletRequest request) {
    String back =
        request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    String target =
        request.getContextPath()
            + "/camunda/app/tasklist/default/?returnTo="
            + URLEncoder.encode(back, StandardCharsets.UTF_8)
            + "#/login";
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target)).build();
  }
}
