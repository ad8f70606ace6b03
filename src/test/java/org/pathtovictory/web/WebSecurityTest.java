package org.pathtovictory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The webapps and the REST API as a browser meets them, in the {@code test} profile alone: no demo
 * users and no administrator at all, the situation in which Camunda's setup page would hand out an
 * administrator account to whoever asks first.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.profiles.active=test")
class WebSecurityTest {

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  private final HttpClient browser =
      HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return browser.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  /** A browser session with Camunda's CSRF token, so only our own rules can refuse a request. */
  private String csrfToken() throws Exception {
    var page = send(at("/camunda/app/admin/default/").GET().build());
    return page.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
        .map(cookie -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void demoUsersExistOnlyInTheDemoProfile() throws Exception {
    // this context, profile test alone: nobody at all
    assertThat(identityService.createUserQuery().count()).isZero();
    // what the application's own configuration makes of each profile: the administrator of
    // camunda.bpm.admin-user and whether DemoIdentities (the contract's groups and volunteers) runs
    assertThat(demoIdentitiesUnder("test", "demo")).isEqualTo("admin demo, demo identities");
    assertThat(demoIdentitiesUnder("postgres")).isEqualTo("admin admin, no demo identities");
    assertThat(demoIdentitiesUnder("test", "oidc")).isEqualTo("admin none, no demo identities");
    // (PostgresProfileTest shows the same on a running production profile: only "admin")
  }

  /** The application's configuration files read under these profiles, as Spring Boot reads them. */
  private static String demoIdentitiesUnder(String... profiles) throws Exception {
    var environment = new org.springframework.core.env.StandardEnvironment();
    environment.setActiveProfiles(profiles);
    org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor.applyTo(
        environment,
        new org.springframework.core.io.DefaultResourceLoader(),
        new org.springframework.boot.DefaultBootstrapContext(),
        profiles);
    String admin = environment.getProperty("camunda.bpm.admin-user.id", "none");
    var demoOnly =
        Class.forName("org.pathtovictory.identity.DemoIdentities")
            .getAnnotation(org.springframework.context.annotation.Profile.class);
    assertThat(demoOnly).as("DemoIdentities is bound to a profile").isNotNull();
    boolean demoIdentities =
        environment.acceptsProfiles(org.springframework.core.env.Profiles.of(demoOnly.value()));
    return "admin " + admin + ", " + (demoIdentities ? "" : "no ") + "demo identities";
  }

  @Test
  void theSetupPageCanNeverCreateAnAdministrator() throws Exception {
    String token = csrfToken();
    String admin =
        """
        {"profile": {"id": "mallory", "firstName": "M", "lastName": "M", "email": "m@example.com"},
         "credentials": {"password": "owned-you-1234"}}
        """;
    for (String path :
        List.of(
            "/camunda/api/admin/setup/default/user/create",
            "/camunda/api/admin/setup;x=y/default/user/create",
            "/camunda/api/admin//setup/default/user/create")) {
      var response =
          send(
              at(path)
                  .header("Content-Type", "application/json")
                  .header("X-XSRF-TOKEN", token)
                  .header("Origin", "http://localhost:" + port)
                  .POST(HttpRequest.BodyPublishers.ofString(admin))
                  .build());
      assertThat(response.statusCode()).as(path).isIn(400, 403, 404);
    }
    assertThat(identityService.createUserQuery().count()).isZero();
  }

  @Test
  void csrfProtectionStaysOnForTheWebapps() throws Exception {
    csrfToken();
    var withoutToken =
        send(
            at("/camunda/api/admin/auth/user/default/logout")
                .header("Origin", "http://localhost:" + port)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(withoutToken.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
  }

  @Test
  void overPlainHttpNoHstsAndCookiesAsCamundaSetsThem() throws Exception {
    var page = send(at("/camunda/app/tasklist/default/").GET().build());
    assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void overHttpsHstsAndSecureCookies() throws Exception {
    var page =
        send(
            at("/camunda/app/tasklist/default/")
                .header("X-Forwarded-Proto", "https")
                .GET()
                .build());
    assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValue(WebSecurity.HSTS);
    assertThat(page.headers().allValues("Set-Cookie"))
        .isNotEmpty()
        .allSatisfy(cookie -> assertThat(cookie.toLowerCase()).contains("secure"));
  }

  @Test
  void ourPagesCarryThePagePolicyAndCannotBeFramed() throws Exception {
    var join = send(at("/join").GET().build());
    assertThat(join.statusCode()).isEqualTo(200);
    assertThat(join.headers().firstValue("Content-Security-Policy"))
        .hasValue(PagePolicy.CONTENT_SECURITY_POLICY);
    assertThat(PagePolicy.CONTENT_SECURITY_POLICY).contains("frame-ancestors 'none'");
    assertThat(join.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(join.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(join.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    assertThat(join.headers().firstValue("Strict-Transport-Security")).isEmpty();
    // the webapps keep Camunda's own policy
    var tasklist = send(at("/camunda/app/tasklist/default/").GET().build());
    assertThat(tasklist.headers().firstValue("Content-Security-Policy"))
        .isPresent()
        .isNotEqualTo(java.util.Optional.of(PagePolicy.CONTENT_SECURITY_POLICY));
  }

  @Test
  void ourPagesOverHttpsGetHstsAndSecureSessionCookies() throws Exception {
    var join = send(at("/join").header("X-Forwarded-Proto", "https").GET().build());
    assertThat(join.headers().firstValue("Strict-Transport-Security")).hasValue(WebSecurity.HSTS);
    assertThat(join.headers().firstValue("Content-Security-Policy"))
        .hasValue(PagePolicy.CONTENT_SECURITY_POLICY);
    assertThat(join.headers().allValues("Set-Cookie"))
        .allSatisfy(cookie -> assertThat(cookie.toLowerCase()).contains("secure"));
  }

  @Test
  void theRestApiCarriesSecurityHeadersEvenWhenItRefuses() throws Exception {
    var refused = send(at("/engine-rest/task").GET().build());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Content-Security-Policy"))
        .hasValue(WebSecurity.API_CSP);
    assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
  }
}
