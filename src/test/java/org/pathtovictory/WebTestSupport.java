package org.pathtovictory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole application with the demo identities on a random port, as the security tests call it:
 * over HTTP, each request with the HTTP Basic credentials of one demo user (or none). The security
 * tests, the smoke test and the Tasklist suite share this one application context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.profiles.active=test,demo")
public abstract class WebTestSupport {

  public static final String PASSWORD = "demo";

  /** Tasklist's address on the application, and where its sign-in page posts the login. */
  public static final String TASKLIST = "/camunda/app/tasklist/default/";

  public static final String TASKLIST_SIGN_IN =
      "/camunda/api/admin/auth/user/default/login/tasklist";

  @LocalServerPort protected int port;
  @Autowired protected IdentityService identityService;
  @Autowired protected ProcessEngine processEngine;

  protected final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void clearEngineAuthentication() {
    identityService.clearAuthentication();
  }

  protected HttpRequest.Builder request(String path, String user) {
    var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      builder.header("Authorization", basic(user, PASSWORD));
    }
    return builder;
  }

  protected HttpResponse<String> get(String path, String user) {
    return send(request(path, user).GET().build());
  }

  protected HttpResponse<String> post(String path, String user, String json) {
    return send(
        request(path, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  protected HttpResponse<String> send(HttpRequest request) {
    return send(http, request);
  }

  /**
   * Signs in to Tasklist as a browser does, in the client's cookie session (a {@link
   * CookieManager}): opens Tasklist, posts the login form with the CSRF token, then reads once, as
   * Tasklist does, to receive the new session's token. Returns that token.
   */
  protected String signInToTasklist(HttpClient browser, String user) {
    send(browser, HttpRequest.newBuilder(url(TASKLIST)).build());
    HttpResponse<String> login =
        send(
            browser,
            HttpRequest.newBuilder(url(TASKLIST_SIGN_IN))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrfToken(browser))
                .header("Origin", "http://localhost:" + port)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=" + user + "&password=" + PASSWORD))
                .build());
    assertThat(login.statusCode()).as("login of %s: %s", user, login.body()).isEqualTo(200);
    send(browser, HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default")).build());
    return xsrfToken(browser);
  }

  /** The CSRF token Camunda's webapps last set as a cookie in this client's session. */
  public static String xsrfToken(HttpClient browser) {
    return ((CookieManager) browser.cookieHandler().orElseThrow())
        .getCookieStore().getCookies().stream()
            .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
            .map(HttpCookie::getValue)
            .reduce((first, last) -> last)
            .orElseThrow();
  }

  /** The address of {@code path} on this test's application. */
  protected URI url(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
