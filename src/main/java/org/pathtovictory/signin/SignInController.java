package org.pathtovictory.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.pathtovictory.identity.Viewers;
import org.pathtovictory.web.Pages;
import org.pathtovictory.web.PerClientRateLimit;
import org.pathtovictory.web.SessionCsrf;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /sign-in}: our sign-in page, where {@code /tasks} sends a signed-out volunteer. "Email me
 * a sign-in link" mails a link ({@link SignInByLink}); the page the link opens signs in only when
 * its button is pressed (a POST with the page's token), so a mail scanner that follows links uses
 * nothing. The password stays Tasklist's own sign-in, linked from the page. A link's sign-in is the
 * webapps' own (Camunda's {@link AuthenticationUtil}), the same session Tasklist, the board and
 * {@code /tasks} read.
 */
@RestController
class SignInController {

  /** Where a sign-in may lead afterwards: our own pages only, never another site. */
  static final Pattern RETURN_PATHS =
      Pattern.compile("^/(board|me|tasks)(/[A-Za-z0-9._/-]*)?(\\?[A-Za-z0-9=&%._-]*)?$");

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
  private static final String SENT_TO = "ptv.signin.sentTo";

  private final Pages pages;
  private final Viewers viewers;
  private final SignInByLink byLink;
  private final ProcessEngine engine;
  private final PerAddressRateLimit perAddress;

  /** The organization's sign-in service by its name (profile {@code oidc}), else null. */
  private final String organization;

  SignInController(
      Pages pages,
      Viewers viewers,
      SignInByLink byLink,
      ProcessEngine engine,
      SignInLinkProperties properties,
      Environment environment) {
    this.pages = pages;
    this.viewers = viewers;
    this.byLink = byLink;
    this.engine = engine;
    this.perAddress = new PerAddressRateLimit(properties.linksPerAddress());
    this.organization =
        environment.acceptsProfiles(Profiles.of(SecurityOnlyWithOidc.PROFILE))
            ? environment.getProperty(
                "spring.security.oauth2.client.registration."
                    + environment.getProperty(
                        "pathtovictory.signin.registration-id", "organization")
                    + ".client-name",
                "your organization's account")
            : null;
  }

  @Bean
  static FilterRegistrationBean<PerClientRateLimit> signInRateLimitFilter(
      SignInLinkProperties properties) {
    var registration =
        new FilterRegistrationBean<>(new PerClientRateLimit(properties.requestsPerMinute()));
    registration.setName("sign-in-rate-limit");
    registration.addUrlPatterns("/sign-in", "/sign-in/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  @GetMapping(value = "/sign-in", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(
      HttpServletRequest request, @RequestParam(required = false) String returnTo) {
    String back = safeReturn(returnTo);
    if (viewers.fromSession(request).isPresent()) {
      return see(back);
    }
    HttpSession session = request.getSession();
    Object sentTo = session.getAttribute(SENT_TO);
    session.removeAttribute(SENT_TO);
    return signInPage(HttpStatus.OK, session, back, sentTo, null, null);
  }

  /**
   * The organization's sign-in: under the profile {@code oidc} Spring Security sends the person to
   * the provider before this answers and brings them back here ({@code OidcSignIn}); then on to the
   * page they asked for. Without a sign-in (no such profile) it is the sign-in page again.
   */
  @GetMapping("/sign-in/organization")
  ResponseEntity<String> organization(
      HttpServletRequest request, @RequestParam(required = false) String returnTo) {
    String back = safeReturn(returnTo);
    return viewers.fromSession(request).isPresent()
        ? see(back)
        : see("/sign-in?returnTo=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
  }

  @PostMapping(value = "/sign-in/link", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> sendLink(
      HttpServletRequest request,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String returnTo,
      @RequestParam(name = "_csrf", required = false) String csrf) {
    String back = safeReturn(returnTo);
    HttpSession session = request.getSession();
    if (!SessionCsrf.valid(request, csrf)) {
      return signInPage(
          HttpStatus.FORBIDDEN,
          session,
          back,
          null,
          email,
          "This page was open too long. Nothing was sent; please press the button once more.");
    }
    String address = email == null ? "" : email.trim();
    if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
      return signInPage(
          HttpStatus.BAD_REQUEST,
          session,
          back,
          null,
          email,
          "Email: please enter your whole email address, such as name@example.org.");
    }
    if (!perAddress.allow(address)) {
      return signInPage(
          HttpStatus.TOO_MANY_REQUESTS,
          session,
          back,
          null,
          email,
          "Email: we sent links to this address a few times already. Please use the newest one"
              + " in your mail, or ask again in 15 minutes.");
    }
    byLink.send(address, back);
    session.setAttribute(SENT_TO, address);
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(
            URI.create("/sign-in?returnTo=" + URLEncoder.encode(back, StandardCharsets.UTF_8)))
        .build();
  }

  /** The page the mailed link opens: only its button signs in. */
  @GetMapping(value = "/sign-in/link/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> linkPage(HttpServletRequest request, @PathVariable String token) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("csrf", SessionCsrf.token(request.getSession()));
    model.put("token", token);
    return pages.render("sign-in-link", model);
  }

  @PostMapping(value = "/sign-in/link/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> useLink(
      HttpServletRequest request,
      @PathVariable String token,
      @RequestParam(name = "_csrf", required = false) String csrf) {
    if (!SessionCsrf.valid(request, csrf)) {
      return pages.message(
          HttpStatus.FORBIDDEN,
          "Please open the link from your mail again",
          "This sign-in did not come from the page your link opens. Your link was not used:"
              + " open it again from your mail and tap \"Sign in\".");
    }
    SignInByLink.Result result = byLink.use(token);
    switch (result.outcome()) {
      case UNUSABLE:
        return refusal(
            HttpStatus.GONE,
            "This link cannot be used any more",
            "A sign-in link works once, for 15 minutes. This one was used already or is older."
                + " Ask for a new one below.");
      case OTHER_ADDRESS:
        return refusal(
            HttpStatus.FORBIDDEN,
            "This link was for another address",
            "The link was sent to an address that is no longer the one on your account. Ask for a"
                + " new link with your current address below.");
      default:
        break;
    }
    var signedIn = AuthenticationUtil.createAuthentication(engine, result.userId(), null, null);
    if (signedIn == null) {
      return refusal(
          HttpStatus.FORBIDDEN,
          "You cannot sign in here yet",
          "Your account is not set up for tasks yet. Please ask your group lead.");
    }
    // a new session id on sign-in, so an id known before cannot ride along
    request.changeSessionId();
    HttpSession session = request.getSession();
    var authentications = AuthenticationUtil.getAuthsFromSession(session);
    authentications.addOrReplace(signedIn);
    AuthenticationUtil.updateSession(session, authentications);
    return see(safeReturn(result.returnTo()));
  }

  /** Ends the whole session (Tasklist's sign-in too); the sign-in page then clears the cache. */
  @PostMapping(value = "/sign-out", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> signOut(
      HttpServletRequest request, @RequestParam(name = "_csrf", required = false) String csrf) {
    if (!SessionCsrf.valid(request, csrf)) {
      return pages.message(
          HttpStatus.FORBIDDEN,
          "You are still signed in",
          "This page was open too long. Please press \"Sign out\" once more.");
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return see("/sign-in");
  }

  private ResponseEntity<String> refusal(HttpStatus status, String title, String text) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("title", title);
    model.put("text", text);
    return pages.render(status, "sign-in-refused", model);
  }

  private ResponseEntity<String> signInPage(
      HttpStatus status,
      HttpSession session,
      String returnTo,
      Object sentTo,
      String email,
      String problem) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("csrf", SessionCsrf.token(session));
    model.put("returnTo", returnTo);
    model.put("sentTo", sentTo);
    model.put("email", email);
    model.put("problem", problem);
    model.put(
        "passwordLink",
        "/camunda/app/tasklist/default/?returnTo="
            + URLEncoder.encode(returnTo, StandardCharsets.UTF_8)
            + "#/login");
    model.put("organization", organization);
    model.put(
        "organizationLink",
        "/sign-in/organization?returnTo=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
    return pages.render(status, "sign-in", model);
  }

  private static ResponseEntity<String> see(String location) {
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
  }

  static String safeReturn(String returnTo) {
    return returnTo != null && RETURN_PATHS.matcher(returnTo).matches() ? returnTo : "/tasks";
  }
}
