package org.pathtovictory.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pathtovictory.WebTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Hostile and careless requests to every operation of Camunda's REST API, generated from the
 * OpenAPI document Camunda publishes for this version (camunda-engine-rest-openapi): malformed
 * numbers, booleans, dates and choices in the query, ids that do not exist, broken JSON, empty
 * bodies and bodies with values of the wrong type, as a local group lead and as the administrator.
 * Every malformed request answers a 4xx (but for the operations listed with the reason they ignore
 * the malformed part), none a 5xx, and no error answer shows a Java class name, a stack trace or
 * SQL; the callers are shown signed in before and after, and fewer than 1 % of answers are 401. The
 * same idea, smaller, for the webapps' engine API (what Tasklist calls) and our own {@code /api}.
 *
 * <p>Its own application context (and in-memory database): the sweep deletes, suspends and creates
 * whatever an empty or malformed request happens to allow.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.profiles.active=test,demo", "pathtovictory.test-context=sweep"})
class RestErrorSweepTest extends WebTestSupport {

  static final List<String> USERS = List.of("ithaca-lead", "demo");
  static final String MISSING_ID = "does-not-exist";

  /** What an error answer must never show: class names, stack frames, SQL. */
  static final Pattern INSIDES =
      Pattern.compile(
          "java\\.|javax\\.|jakarta\\.|org\\.camunda|org\\.apache|org\\.h2|org\\.glassfish"
              + "|com\\.fasterxml|org\\.springframework|\\b\\w*Exception\\b|\\bat org\\."
              + "|SELECT |INSERT |UPDATE |DELETE FROM|ACT_[A-Z]");

  private final ObjectMapper mapper = new ObjectMapper();

  // the application's controllers (Actuator adds handler mappings of its own)
  @Autowired
  @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mvcMappings;

  /**
   * One request; {@code malformed} when it carries a value of the wrong kind (a number, boolean,
   * date, choice or list that is none, a body of wrong types, broken JSON). Requests that are only
   * empty or name what does not exist are sent as well but may succeed: an empty query counts
   * everything, a delete of what is gone is done, and the sweep itself creates names it tries.
   */
  record Call(String method, String path, String body, boolean malformed) {}

  /**
   * Operations that may answer a malformed request with success, and why: each ignores the
   * malformed part. Anything else must answer a malformed request with a 4xx.
   */
  static final Map<String, String> IGNORE_THE_MALFORMED_PART =
      Map.of(
          "GET /external-task/topic-names",
          "Camunda reads its booleans with Boolean.valueOf: anything but true is false",
          "DELETE /process-instance/{id}",
          "Camunda reads its booleans with Boolean.valueOf: anything but true is false",
          "DELETE /history/process-instance/{id}",
          "Camunda reads its boolean failIfNotExists with Boolean.valueOf: anything but true is"
              + " false",
          "GET /api/board",
          "takes no limit or status parameter: unknown parameters are ignored",
          "GET /api/joint-campaigns",
          "takes no parameter: unknown parameters are ignored",
          "GET /api/me/notifications",
          "takes no parameter: unknown parameters are ignored",
          "GET /api/demo/mails",
          "takes no parameter: unknown parameters are ignored",
          "POST /api/admin/notifications/unsubscribe-links/{userId}/revoke",
          "takes no parameter and no body: both are ignored, and revoking nobody's links revokes"
              + " none");

  record Answer(Call call, String user, int status, String body) {
    String line() {
      String excerpt = body.length() > 300 ? body.substring(0, 300) + "..." : body;
      return status
          + " "
          + call.method()
          + " "
          + call.path()
          + " as "
          + user
          + (call.body() == null ? "" : " body " + abbreviate(call.body()))
          + " -> "
          + excerpt;
    }
  }

  static class Tally {
    final String name;
    final Set<String> operations = new TreeSet<>();
    final Map<Integer, Integer> byStatus = new TreeMap<>();
    final List<String> offences = new ArrayList<>();
    final List<String> signedOut = new ArrayList<>();
    final Set<String> ignoredAsListed = new TreeSet<>();
    int requests;
    int malformed;

    Tally(String name) {
      this.name = name;
    }

    void count(String operation, Answer answer) {
      operations.add(operation);
      requests++;
      byStatus.merge(answer.status(), 1, Integer::sum);
      if (answer.status() == 401) {
        signedOut.add(answer.line());
      }
      if (answer.call().malformed()) {
        malformed++;
      }
      if (answer.status() >= 500) {
        offences.add(answer.line());
      } else if (answer.call().malformed() && answer.status() < 400) {
        if (IGNORE_THE_MALFORMED_PART.containsKey(operation)) {
          ignoredAsListed.add(operation);
        } else {
          offences.add("no 4xx to a malformed request: " + answer.line());
        }
      } else if (answer.status() >= 400 && INSIDES.matcher(answer.body()).find()) {
        offences.add("shows insides: " + answer.line());
      }
    }

    String summary() {
      return name
          + ": "
          + requests
          + " requests ("
          + malformed
          + " malformed), "
          + operations.size()
          + " operations, answers by status "
          + byStatus
          + ", 401s "
          + signedOut.size()
          + ", ignored as listed "
          + ignoredAsListed
          + ", offences "
          + offences.size();
    }
  }

  @Test
  void everyOperationOfTheEngineRestApiAnswersMalformedRequestsWith4xx() throws IOException {
    JsonNode openApi = openApi();
    Tally tally = new Tally("/engine-rest (OpenAPI " + openApi.at("/info/version").asText() + ")");
    USERS.forEach(user -> assertSignedIn(basicAuth("/engine-rest", TASK_COUNT, user), "before"));
    for (var operation : operations(openApi)) {
      for (Call call : calls(openApi, operation.getKey(), operation.getValue())) {
        for (String user : USERS) {
          tally.count(operation.getKey(), basicAuth("/engine-rest", call, user));
        }
      }
    }
    USERS.forEach(user -> assertSignedIn(basicAuth("/engine-rest", TASK_COUNT, user), "after"));
    report(tally);
  }

  @Test
  void theWebappsEngineApiAnswersMalformedRequestsWith4xx() throws Exception {
    JsonNode openApi = openApi();
    Tally tally = new Tally("/camunda/api/engine/engine/default");
    for (String user : USERS) {
      Session session = login(user);
      String engine = "/camunda/api/engine/engine/default";
      assertSignedIn(session.send(engine, TASK_COUNT), "before");
      for (var operation : operations(openApi)) {
        List<Call> calls = calls(openApi, operation.getKey(), operation.getValue());
        // smaller: the first (malformed query or missing ids) and the broken JSON
        for (Call call : List.of(calls.get(0), calls.get(calls.size() - 1))) {
          tally.count(operation.getKey(), session.send(engine, call));
        }
      }
      // the same session, not a new sign-in
      assertSignedIn(session.send(engine, TASK_COUNT), "after");
    }
    report(tally);
  }

  @Test
  void ourOwnApiAnswersMalformedRequestsWith4xx() {
    Tally tally = new Tally("/api");
    USERS.forEach(user -> assertSignedIn(basicAuth("", API_ME, user), "before"));
    for (Map.Entry<RequestMappingInfo, ?> mapping : mvcMappings.getHandlerMethods().entrySet()) {
      RequestMappingInfo info = mapping.getKey();
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api/")) {
          continue;
        }
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          String path = pattern.replaceAll("\\{[^}]+}", MISSING_ID);
          List<Call> calls = new ArrayList<>();
          calls.add(new Call(method.name(), path + "?limit=lots&status=%3Cimg%3E", null, true));
          if (method != RequestMethod.GET) {
            calls.add(new Call(method.name(), path, "{\"broken\": ", true));
            calls.add(new Call(method.name(), path, "{}", false));
            calls.add(new Call(method.name(), path, "{\"mode\": \"SOMETIMES\"}", true));
            calls.add(new Call(method.name(), path, "[1, 2]", true));
          }
          for (Call call : calls) {
            for (String user : USERS) {
              tally.count(method + " " + pattern, basicAuth("", call, user));
            }
          }
        }
      }
    }
    for (String unknown : List.of("/api/does-not-exist", "/api/endorsements", "/api/me")) {
      for (String user : USERS) {
        tally.count("GET " + unknown, basicAuth("", new Call("GET", unknown, null, false), user));
      }
    }
    USERS.forEach(user -> assertSignedIn(basicAuth("", API_ME, user), "after"));
    report(tally);
  }

  private void report(Tally tally) throws UncheckedIOException {
    String summary = tally.summary();
    System.out.println("REST error sweep: " + summary);
    try {
      Path file = Path.of("target", "rest-error-sweep.txt");
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          summary
              + System.lineSeparator()
              + String.join(System.lineSeparator(), tally.offences)
              + System.lineSeparator()
              + "401: "
              + String.join(System.lineSeparator() + "401: ", tally.signedOut)
              + System.lineSeparator(),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(tally.requests).isGreaterThan(0);
    assertThat(tally.malformed).as("malformed requests sent").isGreaterThan(tally.requests / 3);
    assertThat(tally.offences).as(summary).isEmpty();
    // a 401 means the caller was signed out (or locked out) in the middle: the sweep would then
    // prove nothing about the operations behind it
    assertThat(tally.signedOut.size() * 100)
        .as("401s of %d answers: %s", tally.requests, tally.signedOut)
        .isLessThan(tally.requests);
  }

  /** What a signed-in caller may always do: count their tasks, read their own settings. */
  static final Call TASK_COUNT = new Call("GET", "/task/count", null, false);

  static final Call API_ME = new Call("GET", "/api/me/notifications", null, false);

  private static void assertSignedIn(Answer answer, String when) {
    assertThat(answer.status())
        .as("%s signed in %s the sweep: %s", answer.user(), when, answer.line())
        .isEqualTo(200);
  }

  // --- the OpenAPI document ---

  private JsonNode openApi() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi.json")) {
      assertThat(in).as("openapi.json of camunda-engine-rest-openapi").isNotNull();
      return mapper.readTree(in);
    }
  }

  /** "POST /task/{id}/complete" with its OpenAPI operation, in document order. */
  private static List<Map.Entry<String, JsonNode>> operations(JsonNode openApi) {
    List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String method : List.of("get", "post", "put", "delete")) {
        JsonNode operation = path.getValue().get(method);
        // changing a password checks the caller's own password: failed checks lock the caller
        // out for a while (Camunda's login throttling), which is the point, and ends the sweep
        if (operation != null && !path.getKey().equals("/user/{id}/credentials")) {
          ObjectNode withPath = operation.deepCopy();
          withPath.put("x-path", path.getKey());
          withPath.put("x-method", method.toUpperCase());
          operations.add(Map.entry(method.toUpperCase() + " " + path.getKey(), withPath));
        }
      }
    }
    return operations;
  }

  /**
   * The malformed requests for one operation: every query parameter malformed at once (or, without
   * query parameters, ids that do not exist and no body), then for a JSON body an empty one, one
   * with values of the wrong type, and broken JSON.
   */
  private List<Call> calls(JsonNode openApi, String name, JsonNode operation) {
    String method = operation.get("x-method").asText();
    String path = operation.get("x-path").asText().replaceAll("\\{[^}]+}", MISSING_ID);
    List<String> query = new ArrayList<>();
    boolean malformedQuery = false;
    for (JsonNode parameter : operation.path("parameters")) {
      JsonNode resolved = resolve(openApi, parameter);
      if ("query".equals(resolved.path("in").asText())) {
        String value = malformed(openApi, resolved.path("schema"));
        // text that names nothing is well-formed; every other value is of the wrong kind
        malformedQuery |= !value.equals(MISSING_ID);
        query.add(
            resolved.get("name").asText() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    JsonNode json = operation.at("/requestBody/content/application~1json/schema");
    boolean hasBody = operation.has("requestBody");
    List<Call> calls = new ArrayList<>();
    calls.add(
        new Call(
            method,
            query.isEmpty() ? path : path + "?" + String.join("&", query),
            hasBody ? "{}" : null,
            malformedQuery));
    if (hasBody) {
      if (!json.isMissingNode()) {
        JsonNode body = wrongTypes(openApi, json);
        boolean wrongKind = false;
        for (JsonNode value : body) {
          wrongKind |= !value.asText().equals(MISSING_ID);
        }
        calls.add(new Call(method, path, body.toString(), wrongKind));
      }
      calls.add(new Call(method, path, "{\"broken\": ", true));
    }
    return calls;
  }

  private JsonNode resolve(JsonNode openApi, JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : openApi.at(ref.asText().substring(1));
  }

  /** A value of the wrong kind for a query parameter of this schema. */
  private String malformed(JsonNode openApi, JsonNode schema) {
    JsonNode resolved = resolve(openApi, schema);
    if (resolved.has("enum")) {
      return "NOT_AN_OPTION";
    }
    String format = resolved.path("format").asText();
    return switch (resolved.path("type").asText()) {
      case "integer", "number" -> "lots";
      case "boolean" -> "maybe";
      case "array" -> "[1,2";
      default -> format.startsWith("date") ? "yesterday" : MISSING_ID;
    };
  }

  /** A body whose every property has a value of the wrong kind (ids that do not exist for text). */
  private JsonNode wrongTypes(JsonNode openApi, JsonNode schema) {
    ObjectNode body = mapper.createObjectNode();
    JsonNode resolved = resolve(openApi, schema);
    for (JsonNode part : resolved.path("allOf")) {
      JsonNode partBody = wrongTypes(openApi, part);
      if (partBody.isObject()) {
        body.setAll((ObjectNode) partBody);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields();
        properties.hasNext(); ) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonNode type = resolve(openApi, property.getValue());
      String format = type.path("format").asText();
      if (type.has("enum")) {
        body.put(property.getKey(), "NOT_AN_OPTION");
      } else {
        switch (type.path("type").asText()) {
          case "integer", "number" -> body.put(property.getKey(), "lots");
          case "boolean" -> body.put(property.getKey(), "maybe");
          case "array" -> body.put(property.getKey(), 42);
          case "object" -> body.put(property.getKey(), "not an object");
          default ->
              body.put(property.getKey(), format.startsWith("date") ? "yesterday" : MISSING_ID);
        }
      }
    }
    return body;
  }

  // --- HTTP ---

  private Answer basicAuth(String prefix, Call call, String user) {
    HttpRequest.Builder builder = request(prefix + call.path(), user);
    HttpResponse<String> response = send(withBody(builder, call).build());
    return new Answer(call, user, response.statusCode(), response.body());
  }

  private static HttpRequest.Builder withBody(HttpRequest.Builder builder, Call call) {
    if (call.body() == null) {
      return builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    return builder
        .header("Content-Type", "application/json")
        .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
  }

  /** A Tasklist session: logged in through the webapp, with its CSRF token. */
  class Session {
    final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    final String user;

    Session(String user) {
      this.user = user;
    }

    String token() {
      return xsrfToken(browser);
    }

    HttpResponse<String> raw(HttpRequest request) {
      try {
        return browser.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    Answer send(String prefix, Call call) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + prefix + call.path()))
              .header("X-XSRF-TOKEN", token())
              .header("Origin", "http://localhost:" + port);
      HttpResponse<String> response = raw(withBody(builder, call).build());
      return new Answer(call, user, response.statusCode(), response.body());
    }
  }

  Session login(String user) {
    Session session = new Session(user);
    signInToTasklist(session.browser, user);
    return session;
  }

  private static String abbreviate(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }
}
