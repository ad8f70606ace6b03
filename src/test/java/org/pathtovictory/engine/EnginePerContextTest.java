package org.pathtovictory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pathtovictory.OneTaskModel;
import org.pathtovictory.PathToVictoryApplication;
import org.pathtovictory.WebTestSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two whole applications in one JVM, as the test suite's context cache keeps them: each one's
 * Tasklist, Cockpit and {@code /engine-rest} answer from its own engine (and database), not from
 * the engine registered last in Camunda's JVM-wide registry.
 */
@Tag("cluster")
class EnginePerContextTest {

  static ConfigurableApplicationContext first;
  static ConfigurableApplicationContext second;

  @BeforeAll
  static void twoApplications() {
    first = start();
    second = start();
    // each engine holds data the other has not: a task and a running instance of its own process
    seed(first, "first");
    seed(second, "second");
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(PathToVictoryApplication.class)
        .run("--spring.profiles.active=test,demo", "--server.port=0");
  }

  static void seed(ConfigurableApplicationContext context, String name) {
    ProcessEngine engine = context.getBean(ProcessEngine.class);
    var task = engine.getTaskService().newTask();
    task.setName("Only in the " + name + " application");
    engine.getTaskService().saveTask(task);
    engine
        .getRepositoryService()
        .createDeployment()
        .addModelInstance(
            name + ".bpmn",
            OneTaskModel.named("only-" + name, "Only in the " + name + " application"))
        .deploy();
    engine.getRuntimeService().startProcessInstanceByKey("only-" + name, "only-" + name);
  }

  static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @Test
  void eachApplicationsRestApiAnswersFromItsOwnEngine() throws Exception {
    for (var context : new ConfigurableApplicationContext[] {first, second}) {
      String own = context == first ? "first" : "second";
      String other = context == first ? "second" : "first";
      var http = HttpClient.newHttpClient();
      assertThat(restTaskCount(http, context, own)).isEqualTo("{\"count\":1}");
      assertThat(restTaskCount(http, context, other)).isEqualTo("{\"count\":0}");
    }
  }

  @Test
  void eachApplicationsTasklistAndCockpitAnswerFromItsOwnEngine() throws Exception {
    for (var context : new ConfigurableApplicationContext[] {first, second}) {
      String own = context == first ? "first" : "second";
      String other = context == first ? "second" : "first";
      var browser = new Browser(port(context));
      browser.logIn("tasklist");
      // Tasklist's own calls go to Camunda's REST API under the webapp
      assertThat(browser.get("/camunda/api/engine/engine/default/task/count?name=" + name(own)))
          .isEqualTo("{\"count\":1}");
      assertThat(browser.get("/camunda/api/engine/engine/default/task/count?name=" + name(other)))
          .isEqualTo("{\"count\":0}");
      // Cockpit's own queries run on a command executor per engine
      var cockpit = new Browser(port(context));
      cockpit.logIn("cockpit");
      assertThat(
              cockpit.get(
                  "/camunda/api/cockpit/plugin/base/default/process-instance/count"
                      + "?businessKey=only-"
                      + own))
          .isEqualTo("{\"count\":1}");
      assertThat(
              cockpit.get(
                  "/camunda/api/cockpit/plugin/base/default/process-instance/count"
                      + "?businessKey=only-"
                      + other))
          .isEqualTo("{\"count\":0}");
    }
  }

  private static String name(String application) {
    return URLEncoder.encode("Only in the " + application + " application", StandardCharsets.UTF_8);
  }

  private static String restTaskCount(
      HttpClient http, ConfigurableApplicationContext context, String application)
      throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + port(context)
                        + "/engine-rest/task/count?name="
                        + name(application)))
            .header("Authorization", WebTestSupport.basic("demo", "demo"))
            .GET()
            .build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  /** A browser session on one application: cookies, Camunda's CSRF token, a webapp login. */
  static final class Browser {
    private final int port;
    private final HttpClient http =
        HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private String csrfToken;

    Browser(int port) {
      this.port = port;
    }

    void logIn(String app) throws Exception {
      var page =
          http.send(
              HttpRequest.newBuilder(uri("/camunda/app/" + app + "/default/")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      csrfToken =
          page.headers().allValues("Set-Cookie").stream()
              .filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
              .map(cookie -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
              .findFirst()
              .orElse(csrfToken);
      var login =
          http.send(
              HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("X-XSRF-TOKEN", csrfToken)
                  .header("Origin", "http://localhost:" + port)
                  .POST(HttpRequest.BodyPublishers.ofString("username=demo&password=demo"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    }

    String get(String path) throws Exception {
      var response =
          http.send(
              HttpRequest.newBuilder(uri(path))
                  .header("X-XSRF-TOKEN", csrfToken)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
      return response.body();
    }

    private URI uri(String path) {
      return URI.create("http://localhost:" + port + path);
    }
  }
}
