package org.pathtovictory.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.CookieKey;
import static io.gatling.javaapi.http.HttpDsl.getCookieValue;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The volunteers of {@link ElectionWeekLoadBenchmark}, as Gatling runs them: each signs in through
 * Tasklist's login (its session cookie is the phone pages' too), then until the time is up loops
 * through what a volunteer does on {@code /tasks}: the inbox, the task's form (the page and the two
 * reads its script makes through Camunda's webapp API), the completion with valid values, a pause
 * between steps. The groups {@code inbox}, {@code form} and {@code complete} are what the goals are
 * about; the settings come from system properties the benchmark sets ({@code load.*}).
 */
public class ElectionWeekSimulation extends Simulation {

  static final String TASKLIST = "/camunda/app/tasklist/default/";
  static final String SIGN_IN = "/camunda/api/admin/auth/user/default/login/tasklist";
  static final String TASK_API = "/camunda/api/engine/engine/default/task/";
  static final String HTML = "text/html";
  static final String JSON = "application/json";

  /** Camunda's CSRF token is sent back on every change, as Tasklist does. */
  static final String CSRF = "X-XSRF-TOKEN";

  /** The volunteer's own open task: the first link of "Assigned to me" on /tasks. */
  static final String MY_TASK = "id=\"mine-title\"[\\s\\S]*?href=\"/tasks/([A-Za-z0-9-]+)\"";

  /**
   * Camunda's CSRF token of this session, from its cookie (scoped to the webapps' path), as
   * Tasklist's script reads it.
   */
  private static io.gatling.javaapi.core.ActionBuilder csrfToken() {
    return getCookieValue(CookieKey("XSRF-TOKEN").withPath(TASKLIST).saveAs("csrf"));
  }

  public ElectionWeekSimulation() {
    String base = System.getProperty("load.baseUrl");
    int volunteers = Integer.getInteger("load.volunteers");
    Duration seconds = Duration.ofSeconds(Long.getLong("load.seconds"));
    Duration pauseMin = Duration.ofMillis(Long.getLong("load.pauseMinMs"));
    Duration pauseMax = Duration.ofMillis(Long.getLong("load.pauseMaxMs"));
    String password = System.getProperty("load.password");

    Iterator<Map<String, Object>> who =
        IntStream.range(0, volunteers)
            .mapToObj(i -> Map.<String, Object>of("user", ElectionWeekLoadBenchmark.volunteer(i)))
            .iterator();

    ChainBuilder signIn =
        exec(http("sign in: Tasklist").get(TASKLIST).check(status().is(200)))
            .exec(csrfToken())
            .exec(
                http("sign in: login")
                    .post(SIGN_IN)
                    .header(CSRF, "#{csrf}")
                    .header("Origin", base)
                    .formParam("username", "#{user}")
                    .formParam("password", password)
                    .check(status().is(200)))
            // the new session's token, as Tasklist reads it after the login
            .exec(
                http("sign in: session")
                    .get("/camunda/api/admin/auth/user/default")
                    .header("Accept", JSON)
                    .check(status().is(200)))
            .exec(csrfToken());

    ChainBuilder inbox =
        group("inbox")
            .on(
                exec(
                    http("inbox: /tasks")
                        .get("/tasks")
                        .header("Accept", HTML)
                        .check(status().is(200), regex(MY_TASK).saveAs("taskId"))));

    ChainBuilder form =
        group("form")
            .on(
                exec(http("form: task page")
                        .get("/tasks/#{taskId}")
                        .header("Accept", HTML)
                        .check(status().is(200)))
                    .exec(
                        http("form: deployed form")
                            .get(TASK_API + "#{taskId}/deployed-form")
                            .header("Accept", JSON)
                            .check(status().is(200)))
                    .exec(
                        http("form: variables")
                            .get(TASK_API + "#{taskId}/form-variables")
                            .header("Accept", JSON)
                            .check(status().is(200))));

    ChainBuilder complete =
        group("complete")
            .on(
                exec(
                    http("complete: submit form")
                        .post(TASK_API + "#{taskId}/submit-form")
                        .header("Accept", JSON)
                        .header("Content-Type", JSON)
                        .header(CSRF, "#{csrf}")
                        .body(
                            StringBody(
                                "{\"variables\": {\"doorsKnocked\": {\"value\": 24},"
                                    + " \"roundNotes\": {\"value\": \"Elm Street done, Oak"
                                    + " Street next\"}}}"))
                        .check(status().is(204))));

    ScenarioBuilder volunteer =
        scenario("volunteers")
            .feed(who)
            .exec(signIn)
            .during(seconds)
            .on(
                exec(inbox)
                    .pause(pauseMin, pauseMax)
                    .exec(form)
                    .pause(pauseMin, pauseMax)
                    .exec(complete)
                    .pause(pauseMin, pauseMax));

    setUp(volunteer.injectOpen(atOnceUsers(volunteers)))
        .protocols(http.baseUrl(base).userAgentHeader("Path to Victory load test"));
  }
}
