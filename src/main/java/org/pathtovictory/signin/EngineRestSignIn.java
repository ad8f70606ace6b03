package org.pathtovictory.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The REST APIs ({@code /engine-rest}, {@code /api}) in the profile {@code oidc}: Camunda's REST
 * authentication filter, with a bearer access token of the provider (a JWT checked against the
 * issuer's keys, issuer, expiry and audience) or, for service accounts such as Camunda Modeler's
 * deployer, HTTP Basic as before. A token's verified email names the engine user; the engine then
 * checks that user's authorizations and tenants exactly as for HTTP Basic.
 *
 * <p>It stays where the HTTP Basic filter was (before the input guards, so strangers learn nothing
 * about our input rules); Spring Security's filter chain runs later, after the session filter, and
 * only for the webapps, so the token is decoded here with Spring Security's {@link JwtDecoder}.
 */
class EngineRestSignIn extends ProcessEngineAuthenticationFilter {

  private final JwtDecoder tokens;
  private final EngineUsers engineUsers;
  private final ObjectMapper json = new ObjectMapper();

  EngineRestSignIn(JwtDecoder tokens, EngineUsers engineUsers) {
    this.tokens = tokens;
    this.engineUsers = engineUsers;
  }

  @Override
  public void init(FilterConfig filterConfig) {
    // a Spring-built provider instead of one Camunda creates by class name
    authenticationProvider = new BearerOrBasic();
  }

  /** Camunda lets {@code /engine} (the list of engine names) through unauthenticated; not here. */
  @Override
  protected boolean requiresEngineAuthentication(String requestUrl) {
    return true;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      super.doFilter(request, response, chain);
    } catch (RefusedToken refused) {
      HttpServletResponse http = (HttpServletResponse) response;
      if (http.isCommitted()) {
        throw refused;
      }
      http.resetBuffer();
      http.setStatus(refused.status);
      if (refused.status == HttpServletResponse.SC_UNAUTHORIZED) {
        http.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      }
      http.setContentType("application/json;charset=UTF-8");
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", refused.status == 403 ? "Forbidden" : "Unauthorized");
      body.put("message", refused.getMessage());
      json.writeValue(http.getOutputStream(), body);
    }
  }

  /** A bearer token that signs nobody in, with the sentence the caller reads. */
  static final class RefusedToken extends RuntimeException {
    private final int status;

    RefusedToken(int status, String sentence) {
      super(sentence, null, false, false);
      this.status = status;
    }
  }

  /** A bearer token when there is one; HTTP Basic (Camunda's) otherwise. */
  final class BearerOrBasic implements AuthenticationProvider {

    private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

    @Override
    public AuthenticationResult extractAuthenticatedUser(
        HttpServletRequest request, ProcessEngine engine) {
      String header = request.getHeader("Authorization");
      if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
        return basic.extractAuthenticatedUser(request, engine);
      }
      Jwt token;
      try {
        token = tokens.decode(header.substring("bearer ".length()).trim());
      } catch (JwtException invalid) {
        throw new RefusedToken(
            HttpServletResponse.SC_UNAUTHORIZED,
            "The bearer token is not valid here (expired, for another application, or not from"
                + " your organization's sign-in service). Get a new token and try again.");
      }
      try {
        return AuthenticationResult.successful(engineUsers.of(token.getClaims()).userId());
      } catch (SignInRefused refused) {
        throw new RefusedToken(HttpServletResponse.SC_FORBIDDEN, refused.sentence());
      }
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(
        HttpServletResponse response, ProcessEngine engine) {
      basic.augmentResponseByAuthenticationChallenge(response, engine);
    }
  }
}
