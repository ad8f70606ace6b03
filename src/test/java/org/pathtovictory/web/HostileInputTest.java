package org.pathtovictory.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathtovictory.WebTestSupport;
import org.pathtovictory.endorsement.Intake;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Text volunteers type is text: markup in a value is refused with 400 naming the field, whether it
 * comes with the intake, a task completion or a message, over Camunda's REST API, the webapps' API
 * (Tasklist) or the Java API; and Tasklist's start form gets a 400 (not a 500) naming the field.
 */
class HostileInputTest extends WebTestSupport {

  static List<String> markup() {
    return List.of(
        "<img src=x onerror=alert(1)>Evil",
        "[click me](javascript:alert(1)) **bold**",
        "&lt;img src=x&gt;",
        "![x](https://evil.example/p.png)",
        "see data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "[verify your account](https://evil.example/login)");
  }

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  private final ObjectMapper mapper = new ObjectMapper();

  @AfterEach
  void deleteCampaigns() {
    runtimeService
        .createProcessInstanceQuery()
        .rootProcessInstances()
        .list()
        .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test done", true, true));
  }

  @ParameterizedTest
  @MethodSource("markup")
  void theIntakeRefusesMarkupOverRestNamingTheField(String value) throws Exception {
    var response =
        post(
            "/engine-rest/process-definition/key/post-endorsement/start",
            "ithaca-lead",
            startBody(Intake.with(intake(), "candidateName", value)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(fields(response.body())).containsExactly("candidateName");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void namesHoldLettersDigitsSpacesAndOrdinaryPunctuationOnly() throws Exception {
    // accented letters and ordinary punctuation are names
    var accepted =
        post(
            "/engine-rest/process-definition/key/post-endorsement/start",
            "ithaca-lead",
            startBody(
                Intake.with(
                    Intake.with(intake(), "candidateName", "José Núñez-García, Jr."),
                    "office",
                    "State Senate (District 4)")));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    // emphasis or a formula is not a name: the intake itself refuses it, naming the field
    var refused =
        post(
            "/engine-rest/process-definition/key/post-endorsement/start",
            "ithaca-lead",
            startBody(
                Intake.with(
                    Intake.with(intake(), "candidateName", "Evil **bold**"),
                    "office",
                    "=HYPERLINK(\"https://evil.example\")")));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(fields(refused.body())).containsExactly("candidateName", "office");
    assertThat(refused.body()).contains("letters, digits, spaces and ordinary punctuation");
  }

  @Test
  void theIntakeRefusesMarkupFromJavaToo() {
    for (String value : markup()) {
      assertThatThrownBy(
              () ->
                  runtimeService.startProcessInstanceByKey(
                      "post-endorsement", Intake.with(intake(), "office", value)))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e ->
                  assertThat(e.getProblems())
                      .extracting(InvalidInputException.Problem::field)
                      .containsExactly("office"));
    }
  }

  @Test
  void aTaskCompletionWithMarkupIsRefusedAndTheTaskStaysOpen() throws Exception {
    Task check = nationalCheckTask();
    for (String value : markup()) {
      var response =
          post(
              "/engine-rest/task/" + check.getId() + "/complete",
              "national",
              "{\"variables\": {\"checkReference\": {\"value\": "
                  + mapper.writeValueAsString(value)
                  + "}, \"checkSentDate\": {\"value\": \"2026-06-01\"}}}");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(fields(response.body())).containsExactly("checkReference");
      // and the engine refuses it on any path (the Java API here), naming the field
      Map<String, Object> variables = new HashMap<>();
      variables.put("checkReference", value);
      variables.put("checkSentDate", "2026-06-01");
      assertThatThrownBy(() -> taskService.complete(check.getId(), variables))
          .satisfies(
              e ->
                  assertThat(ApiErrors.find(e, InvalidInputException.class).getProblems())
                      .extracting(InvalidInputException.Problem::field)
                      .containsExactly("checkReference"));
    }
    assertThat(taskService.createTaskQuery().taskId(check.getId()).count()).isOne();
  }

  @Test
  void aMessageWithMarkupIsRefusedNamingTheVariable() throws Exception {
    ProcessInstance campaign =
        runtimeService.startProcessInstanceByKey("post-endorsement", intake());
    for (String value : markup()) {
      var response =
          post(
              "/engine-rest/message",
              "ithaca-lead",
              "{\"messageName\": \"SpendingQuestion\", \"businessKey\": \""
                  + campaign.getBusinessKey()
                  + "\", \"processVariables\": {\"leadGroup\": {\"value\": \"ny24-ithaca\"},"
                  + " \"spendingQuestion\": {\"value\": "
                  + mapper.writeValueAsString(value)
                  + "}}}");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(fields(response.body())).containsExactly("spendingQuestion");
    }
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("spending-question")
                .count())
        .isZero();
  }

  @Test
  void tasklistsStartFormGets400NamingTheFieldNot500() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String token = signInToTasklist(browser, "ithaca-lead");
    String path =
        "/camunda/api/engine/engine/default/process-definition/key/post-endorsement/submit-form";
    var refused =
        browser.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", token)
                .header("Origin", "http://localhost:" + port)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        startBody(
                            Intake.with(
                                intake(),
                                "generalElectionDate",
                                org.pathtovictory.ProcessTestSupport.TODAY
                                    .minusYears(1)
                                    .toString()))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(fields(refused.body())).containsExactly("generalElectionDate");
    assertThat(mapper.readTree(refused.body()).get("message").asText())
        .contains("generalElectionDate: has already passed");
  }

  private Task nationalCheckTask() {
    ProcessInstance campaign =
        runtimeService.startProcessInstanceByKey("post-endorsement", intake());
    return taskService
        .createTaskQuery()
        .processInstanceId(campaign.getId())
        .taskDefinitionKey("Task_SendCampaignCheck")
        .singleResult();
  }

  /** A valid intake for the application's real today (the process tests fix their own day). */
  static Map<String, Object> intake() {
    return Intake.with(
        Intake.endorsementDaysBeforeElection(120),
        "generalElectionDate",
        java.time.LocalDate.now(java.time.ZoneId.of("America/New_York")).plusDays(120).toString());
  }

  private String startBody(Map<String, Object> variables) throws Exception {
    Map<String, Object> wrapped = new HashMap<>();
    variables.forEach((name, value) -> wrapped.put(name, Map.of("value", value)));
    return mapper.writeValueAsString(Map.of("variables", wrapped));
  }

  private List<String> fields(String body) throws Exception {
    JsonNode problems = mapper.readTree(body).path("problems");
    return java.util.stream.StreamSupport.stream(problems.spliterator(), false)
        .map(p -> p.get("field").asText())
        .sorted()
        .distinct()
        .toList();
  }
}
