package org.pathtovictory.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every actuator endpoint but health is for operators: a member of an operator group ({@code
 * pathtovictory.operations.operator-groups}, by default {@code camunda-admin}) with HTTP Basic, or
 * a Prometheus server with the configured bearer token. Health stays open because load balancers
 * ask it without credentials, and it answers only UP or DOWN.
 */
class MetricsAccess extends OncePerRequestFilter {

  private final IdentityService identity;
  private final OperationsProperties properties;
  private final ObjectMapper json = new ObjectMapper();

  MetricsAccess(IdentityService identity, OperationsProperties properties) {
    this.identity = identity;
    this.properties = properties;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // decoded and normalized by the container, without path parameters
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
      chain.doFilter(request, response);
      return;
    }
    String header = request.getHeader("Authorization");
    String scheme = header == null ? "" : header.split(" ", 2)[0].toLowerCase(Locale.ROOT);
    String credentials = header == null || !header.contains(" ") ? "" : header.split(" ", 2)[1];
    if (scheme.equals("bearer") && tokenMatches(credentials.trim())) {
      chain.doFilter(request, response);
      return;
    }
    if (scheme.equals("basic")) {
      String[] userAndPassword = decode(credentials);
      if (userAndPassword != null
          && identity.checkPassword(userAndPassword[0], userAndPassword[1])) {
        if (isOperator(userAndPassword[0])) {
          chain.doFilter(request, response);
        } else {
          refuse(
              response,
              HttpServletResponse.SC_FORBIDDEN,
              "Forbidden",
              "Only operators may read the metrics. Ask an administrator to add you to an"
                  + " operator group.");
        }
        return;
      }
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"operations\"");
    refuse(
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        "Unauthorized",
        "Sign in with an operator's account (HTTP Basic) or the metrics token (Bearer) to read"
            + " this.");
  }

  private boolean tokenMatches(String presented) {
    String expected = properties.metricsToken();
    return !expected.isBlank()
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  private boolean isOperator(String userId) {
    return properties.operatorGroups().stream()
        .anyMatch(
            group -> identity.createGroupQuery().groupId(group).groupMember(userId).count() > 0);
  }

  private static String[] decode(String credentials) {
    try {
      String plain =
          new String(Base64.getDecoder().decode(credentials.trim()), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      return colon <= 0
          ? null
          : new String[] {plain.substring(0, colon), plain.substring(colon + 1)};
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  private void refuse(HttpServletResponse response, int status, String type, String sentence)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", sentence);
    json.writeValue(response.getOutputStream(), body);
  }
}
