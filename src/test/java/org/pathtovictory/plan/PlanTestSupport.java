package org.pathtovictory.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.pathtovictory.WebTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The plan editor over HTTP as its page's JavaScript calls it: a browser session signed in to
 * Tasklist (cookies), the session's token from the page shell, multipart files as Camunda Modeler
 * sends them. A context of its own: the versions deployed here must not reach other test classes.
 */
@TestPropertySource(properties = "pathtovictory.test-context-plan-editor=true")
abstract class PlanTestSupport extends WebTestSupport {

  static final String ORGANIZER = "organizer";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CSRF = Pattern.compile("data-csrf=\"([^\"]+)\"");

  @Autowired RepositoryService repositoryService;

  /** A browser signed in to Tasklist as this user. */
  HttpClient signedIn(String user) {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    signInToTasklist(browser, user);
    return browser;
  }

  /** The session's token, as the page shell hands it to the JavaScript. */
  String csrf(HttpClient browser) {
    HttpResponse<String> shell = open(browser, "/plan/post-endorsement");
    assertThat(shell.statusCode()).as(shell.body()).isEqualTo(200);
    Matcher token = CSRF.matcher(shell.body());
    assertThat(token.find()).as(shell.body()).isTrue();
    return token.group(1);
  }

  HttpResponse<String> open(HttpClient browser, String path) {
    return call(browser, HttpRequest.newBuilder(url(path)).GET().build());
  }

  JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  HttpResponse<String> postJson(HttpClient browser, String path, String csrf, String body) {
    var request =
        HttpRequest.newBuilder(url(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (csrf != null) {
      request.header(PlanSession.CSRF_HEADER, csrf);
    }
    return call(browser, request.build());
  }

  /** A multipart POST: files by resource name, then fields. */
  HttpResponse<String> postFiles(
      HttpClient browser,
      String path,
      String csrf,
      Map<String, String> files,
      Map<String, String> fields) {
    return call(browser, multipart(url(path), csrf, files, fields).build());
  }

  HttpRequest.Builder multipart(
      java.net.URI uri, String csrf, Map<String, String> files, Map<String, String> fields) {
    String boundary = "----plan" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    files.forEach(
        (name, content) ->
            part(
                body,
                boundary,
                "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name + "\"",
                content));
    fields.forEach(
        (name, value) ->
            part(body, boundary, "Content-Disposition: form-data; name=\"" + name + "\"", value));
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    var request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (csrf != null) {
      request.header(PlanSession.CSRF_HEADER, csrf);
    }
    return request;
  }

  private static void part(
      ByteArrayOutputStream body, String boundary, String disposition, String content) {
    body.writeBytes(
        ("--" + boundary + "\r\n" + disposition + "\r\n\r\n" + content + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> call(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> fields(String... pairs) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], pairs[i + 1]);
    }
    return fields;
  }

  long deployments() {
    return repositoryService.createDeploymentQuery().count();
  }

  int newestVersion(String processKey) {
    return repositoryService
        .createProcessDefinitionQuery()
        .processDefinitionKey(processKey)
        .withoutTenantId()
        .latestVersion()
        .singleResult()
        .getVersion();
  }

  /** A small process of one campaign step, keyed {@code key}, that passes the deployment check. */
  static String process(String key, String taskName, String formRef) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="Definitions_PlanEditor" targetNamespace="http://pathtovictory.org/test">
          <bpmn:process id="%s" name="Plan editor test" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_Started" name="Started">
              <bpmn:outgoing>Flow_ToTask</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:userTask id="Task_HoldDebrief" name="%s" camunda:formRef="%s"
                camunda:formRefBinding="latest" camunda:candidateGroups="group-leads"
                camunda:dueDate="2030-11-01T17:00:00">
              <bpmn:incoming>Flow_ToTask</bpmn:incoming>
              <bpmn:outgoing>Flow_ToEnd</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:endEvent id="EndEvent_Done" name="Done">
              <bpmn:incoming>Flow_ToEnd</bpmn:incoming>
            </bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_Started" targetRef="Task_HoldDebrief" />
            <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_HoldDebrief" targetRef="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(key, taskName, formRef);
  }

  /** A form of one labelled text field; its id is its file name. */
  static String form(String id, String label) {
    return """
        {"id": "%s", "type": "default", "schemaVersion": 12,
         "components": [{"id": "Field_Notes", "key": "notes", "type": "textfield", "label": "%s"}]}
        """
        .formatted(id, label);
  }
}
