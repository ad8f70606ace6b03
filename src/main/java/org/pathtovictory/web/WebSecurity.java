package org.pathtovictory.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web side of "closed by default", next to Camunda's own webapp filters (CSRF, header security,
 * session cookie; configured in {@code application.yaml}):
 *
 * <ul>
 *   <li>security headers on the REST APIs too, our pages' Content Security Policy ({@link
 *       PagePolicy}), and HSTS plus {@code Secure} cookies whenever the request came over HTTPS
 *       (directly, or via a proxy's {@code X-Forwarded-Proto});
 *   <li>the admin webapp's setup page can never create an administrator: administrators come only
 *       from configuration ({@code camunda.bpm.admin-user}), so its API is closed in every profile;
 *   <li>the floor under every submitted variable ({@link VariableInputGuard});
 *   <li>variables shown in task forms as text, never as markup ({@link LiteralFormValues}).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

  static final String HSTS = "max-age=31536000; includeSubDomains";
  static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";
  static final String ADMIN_API = "/camunda/api/admin/*";

  @Bean
  FilterRegistrationBean<SecurityHeaders> securityHeadersFilter() {
    var registration = new FilterRegistrationBean<>(new SecurityHeaders());
    registration.setName("security-headers");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<SetupClosed> adminSetupClosedFilter() {
    var registration = new FilterRegistrationBean<>(new SetupClosed());
    registration.setName("admin-setup-closed");
    registration.addUrlPatterns(ADMIN_API);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
    return registration;
  }

  @Bean
  FilterRegistrationBean<VariableInputGuard> variableInputGuardFilter(
      @Value("${pathtovictory.max-text-length:10000}") int maxTextLength) {
    var registration = new FilterRegistrationBean<>(new VariableInputGuard(maxTextLength));
    registration.setName("variable-input-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*", "/api/*");
    // after the REST authentication: strangers get 401, not a lesson in our input rules
    registration.setOrder(EngineRestAuthentication.ORDER + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<LiteralFormValues> literalFormValuesFilter(
      org.camunda.bpm.engine.ProcessEngine engine) {
    var registration = new FilterRegistrationBean<>(new LiteralFormValues(engine));
    registration.setName("literal-form-values");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(EngineRestAuthentication.ORDER + 2);
    return registration;
  }

  @Bean
  FilterRegistrationBean<UnmappedErrors> unmappedErrorsFilter(
      org.camunda.bpm.engine.ProcessEngine engine) {
    var registration = new FilterRegistrationBean<>(new UnmappedErrors(engine));
    registration.setName("unmapped-errors");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*", "/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
    return registration;
  }

  /** Headers for every response; the webapps' CSP comes from Camunda's header-security filter. */
  static class SecurityHeaders extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Referrer-Policy", "same-origin");
      if (isApi(path)) {
        // JSON only: nothing here may ever be rendered, framed or cached as a page
        response.setHeader("Content-Security-Policy", API_CSP);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-store");
      } else if (PagePolicy.isOurPage(path)) {
        response.setHeader("Content-Security-Policy", PagePolicy.forPage(path));
        response.setHeader("X-Frame-Options", "DENY");
      }
      if (request.isSecure()) {
        response.setHeader("Strict-Transport-Security", HSTS);
        response = new SecureCookies(response);
      }
      chain.doFilter(request, response);
    }
  }

  /** Over HTTPS every cookie we set (session, CSRF token) carries {@code Secure}. */
  static class SecureCookies extends HttpServletResponseWrapper {

    SecureCookies(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addCookie(Cookie cookie) {
      cookie.setSecure(true);
      super.addCookie(cookie);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, secured(name, value));
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, secured(name, value));
    }

    private static String secured(String name, String value) {
      if ("Set-Cookie".equalsIgnoreCase(name)
          && value != null
          && !value.toLowerCase(Locale.ROOT).matches("(?s).*;\\s*secure\\s*(;.*)?$")) {
        return value + ";Secure";
      }
      return value;
    }
  }

  static boolean isApi(String path) {
    return path.startsWith("/engine-rest/") || path.startsWith("/api/");
  }

  /** Camunda's setup page would create an administrator whenever none exists yet. */
  static class SetupClosed extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      // decoded and normalized by the container, without path parameters
      String path =
          (request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))
              .toLowerCase(Locale.ROOT);
      if (!path.contains("/setup")) {
        chain.doFilter(request, response);
        return;
      }
      response.sendError(
          HttpServletResponse.SC_FORBIDDEN,
          "Administrators are created from the configuration (camunda.bpm.admin-user), not here");
    }
  }
}
