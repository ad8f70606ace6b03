package org.pathtovictory.signin;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.pathtovictory.web.EngineRestAuthentication;
import org.pathtovictory.web.Pages;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Profile {@code oidc}: the webapps, the board and {@code /me} sign in through the organization's
 * OpenID Connect provider (Spring Security's OAuth2 login), Camunda's container-based
 * authentication turns that sign-in into the webapps' own, and the REST APIs take the provider's
 * access tokens ({@link EngineRestSignIn}).
 *
 * <p>Camunda's {@code camunda-bpm-spring-boot-starter-security} was not used: it takes the
 * provider's user name as the engine user id (no matching by verified email, no refusal page), by
 * default replaces the engine's identity service with one that reads groups from the token, secures
 * the webapps only (no bearer tokens on the REST API), and installs its filter chain whenever a
 * client is configured.
 */
@Configuration(proxyBeanMethods = false)
@Profile(SecurityOnlyWithOidc.PROFILE)
class OidcSignIn {

  private final String webapp;
  private final SignInProperties settings;

  OidcSignIn(CamundaBpmProperties camunda, SignInProperties settings) {
    this.webapp = camunda.getWebapp().getApplicationPath();
    this.settings = settings;
  }

  @Bean
  EngineUsers engineUsers(IdentityService identityService) {
    return new EngineUsers(identityService);
  }

  /**
   * Only the pages people open in a browser; the REST APIs are not in it (their filter runs first,
   * before the session, see {@link EngineRestSignIn}) and nothing else is behind a sign-in.
   */
  @Bean
  SecurityFilterChain organizationSignIn(
      HttpSecurity http,
      EngineUsers engineUsers,
      ProcessEngine engine,
      ApplicationEventPublisher events,
      Pages pages)
      throws Exception {
    var paths = PathPatternRequestMatcher.withDefaults();
    RequestMatcher signedInPages =
        new OrRequestMatcher(
            paths.matcher(webapp + "/app/**"),
            paths.matcher(webapp + "/api/**"),
            paths.matcher("/board"),
            paths.matcher("/board/campaigns/**"),
            paths.matcher("/me"),
            paths.matcher("/me/**"),
            paths.matcher("/groups"),
            paths.matcher("/groups/**"),
            // the phone pages' sign-in page offers this beside the emailed link
            paths.matcher("/sign-in/organization"));
    RequestMatcher webappApis = paths.matcher(webapp + "/api/**");
    http.securityMatcher(
            new OrRequestMatcher(
                signedInPages, paths.matcher("/oauth2/**"), paths.matcher("/login/oauth2/**")))
        .authorizeHttpRequests(requests -> requests.requestMatchers(signedInPages).authenticated())
        .oauth2Login(
            login ->
                login
                    .userInfoEndpoint(
                        userInfo -> userInfo.oidcUserService(new ProviderUserService(engineUsers)))
                    .successHandler(new SignedIn(engine, events, webapp + "/app/tasklist/"))
                    .failureHandler(new Refused(pages)))
        .exceptionHandling(
            failures ->
                failures
                    // the webapps' scripts get a status, people get the provider's sign-in page
                    .defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), webappApis)
                    .defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(
                            "/oauth2/authorization/" + settings.registrationId()),
                        AnyRequestMatcher.INSTANCE))
        // Tasklist's "Log out" ends the whole session, not only the webapps' part of it
        .logout(
            logout ->
                logout
                    .logoutRequestMatcher(
                        paths.matcher(HttpMethod.POST, webapp + "/api/admin/auth/user/*/logout"))
                    .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler()))
        // Camunda's CSRF filter guards the webapps' APIs and our pages carry their own tokens;
        // headers come from web.WebSecurity and Camunda's header filter, as without the profile
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable);
    return http.build();
  }

  /**
   * Spring Boot maps Spring Security's filter to every path; here it is mapped to the sign-in pages
   * only, so its request firewall and wrappers stay away from the REST APIs and the public pages
   * (they answer exactly as without the profile). Spring Boot offers no setting for the mapping.
   */
  @Bean
  static BeanPostProcessor securityFilterOnSignInPagesOnly(Environment environment) {
    String webapp = environment.getProperty("camunda.bpm.webapp.application-path", "/camunda");
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof DelegatingFilterProxyRegistrationBean registration
            && "securityFilterChainRegistration".equals(name)) {
          registration.setUrlPatterns(
              List.of(
                  webapp + "/app/*",
                  webapp + "/api/*",
                  "/board",
                  "/board/campaigns/*",
                  "/me",
                  "/me/*",
                  "/groups",
                  "/groups/*",
                  "/sign-in/organization",
                  "/oauth2/*",
                  "/login/oauth2/*"));
        }
        return bean;
      }
    };
  }

  /** Camunda's container-based authentication for the webapps, right after Spring Security. */
  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappContainerAuthentication() {
    var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
    registration.setName("webapp-container-authentication");
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        WebappSignIn.class.getName());
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    registration.addUrlPatterns(webapp + "/app/*", webapp + "/api/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    return registration;
  }

  /** In place of {@code web.EngineRestAuthentication}'s HTTP Basic only filter. */
  @Bean
  FilterRegistrationBean<EngineRestSignIn> engineRestAuthenticationFilter(
      ClientRegistrationRepository registrations, EngineUsers engineUsers) {
    var registration =
        new FilterRegistrationBean<>(new EngineRestSignIn(tokens(registrations), engineUsers));
    registration.setName("engine-rest-authentication");
    registration.setOrder(EngineRestAuthentication.ORDER);
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    return registration;
  }

  /** Access tokens signed with the issuer's keys, from that issuer, unexpired, for us. */
  private JwtDecoder tokens(ClientRegistrationRepository registrations) {
    ClientRegistration registration = registrations.findByRegistrationId(settings.registrationId());
    if (registration == null) {
      throw new IllegalStateException(
          "The profile oidc needs the client registration '"
              + settings.registrationId()
              + "' (spring.security.oauth2.client.registration."
              + settings.registrationId()
              + ".client-id and ...provider."
              + settings.registrationId()
              + ".issuer-uri)");
    }
    var provider = registration.getProviderDetails();
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(provider.getJwkSetUri()).build();
    List<String> audiences = new ArrayList<>(settings.tokenAudiences());
    audiences.add(registration.getClientId());
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(provider.getIssuerUri()), new ForUs(audiences)));
    return decoder;
  }

  /** A token issued for another application of the same provider is not ours to accept. */
  record ForUs(List<String> audiences) implements OAuth2TokenValidator<Jwt> {
    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
      List<String> named = new ArrayList<>();
      if (token.getAudience() != null) {
        named.addAll(token.getAudience());
      }
      if (token.getClaimAsString("azp") != null) {
        named.add(token.getClaimAsString("azp"));
      }
      return named.stream().anyMatch(audiences::contains)
          ? OAuth2TokenValidatorResult.success()
          : OAuth2TokenValidatorResult.failure(
              new OAuth2Error("invalid_token", "The token is for another application", null));
    }
  }

  /**
   * After the provider sent the person back: the webapps' sign-in in the session at once (so the
   * board and {@code /me} know them before they open Tasklist), the announcement, then back to the
   * page they asked for.
   */
  static final class SignedIn extends SavedRequestAwareAuthenticationSuccessHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SignedIn.class);

    private final ProcessEngine engine;
    private final ApplicationEventPublisher events;

    SignedIn(ProcessEngine engine, ApplicationEventPublisher events, String tasklist) {
      this.engine = engine;
      this.events = events;
      setDefaultTargetUrl(tasklist);
    }

    @Override
    public void onAuthenticationSuccess(
        HttpServletRequest request, HttpServletResponse response, Authentication authentication)
        throws IOException, jakarta.servlet.ServletException {
      if (authentication instanceof OAuth2AuthenticationToken token
          && token.getPrincipal() instanceof EngineUser user) {
        var session = request.getSession();
        var signedIn = AuthenticationUtil.createAuthentication(engine, user.getName(), null, null);
        if (signedIn != null) {
          var authentications = AuthenticationUtil.getAuthsFromSession(session);
          authentications.addOrReplace(signedIn);
          AuthenticationUtil.updateSession(session, authentications);
        }
        try {
          events.publishEvent(new SignedInWithProvider(user.getName(), user.getEmail()));
        } catch (RuntimeException listenerFailed) {
          // who they are does not depend on a listener's bookkeeping: the sign-in stands
          LOG.warn("A listener of the sign-in of {} failed", user.getName(), listenerFailed);
        }
      }
      super.onAuthenticationSuccess(request, response, authentication);
    }
  }

  /** A refused or failed sign-in: a page that says why and what to do, never a stack trace. */
  record Refused(Pages pages) implements AuthenticationFailureHandler {
    @Override
    public void onAuthenticationFailure(
        HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
        throws IOException {
      var page =
          failure instanceof SignInRefused refused
              ? pages.message(
                  HttpStatus.FORBIDDEN, "You cannot sign in here yet", refused.sentence())
              : pages.message(
                  HttpStatus.UNAUTHORIZED,
                  "Signing in did not work",
                  "Your organization's sign-in service did not confirm who you are. Open Tasklist"
                      + " again to try once more; if it keeps failing, tell your group lead.");
      response.setStatus(page.getStatusCode().value());
      for (Map.Entry<String, List<String>> header : page.getHeaders().entrySet()) {
        for (String value : header.getValue()) {
          response.addHeader(header.getKey(), value);
        }
      }
      response.getOutputStream().write(page.getBody().getBytes(StandardCharsets.UTF_8));
    }
  }
}
