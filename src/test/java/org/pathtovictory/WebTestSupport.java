package org.pathtovictory;

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
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
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
