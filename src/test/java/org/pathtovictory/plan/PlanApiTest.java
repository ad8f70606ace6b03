package org.pathtovictory.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plan editor's server side as an organizer uses it from the page: check without deploying,
 * deploy with a one-line description, a stale deploy told of the newer version, a process and its
 * form in one deployment, and every refusal with nothing deployed.
 */
class PlanApiTest extends PlanTestSupport {

  private HttpClient organizer;

  @BeforeEach
  void signIn() {
    organizer = signedIn(ORGANIZER);
  }

  @Test
  void theShippedPlanPassesTheCheck() throws Exception {
    String shipped = Files.readString(Path.of("processes", "post-endorsement.bpmn"));
    long before = deployments();

    HttpResponse<String> checked =
        postFiles(
            organizer, "/plan/api/check", null, Map.of("post-endorsement.bpmn", shipped), Map.of());

    assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
    assertThat(json(checked).get("problems")).isEmpty();
    assertThat(deployments()).isEqualTo(before);
  }

  @Test
  void aTaskWithoutFormAndACallToAnApplicationBeanAreBothMarkedAndNothingIsDeployed() {
    String key = unique("plan-mistakes");
    String xml = mistakes(key);
    long before = deployments();

    HttpResponse<String> checked =
        postFiles(organizer, "/plan/api/check", null, Map.of(key + ".bpmn", xml), Map.of());

    assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
    JsonNode problems = json(checked).get("problems");
    assertThat(problems).as(checked.body()).hasSize(2);
    JsonNode noForm = problem(problems, "Task_HoldDebrief");
    assertThat(noForm.get("resource").asText()).isEqualTo(key + ".bpmn");
    assertThat(noForm.get("element").asText()).isEqualTo("Task_HoldDebrief (Hold a debrief)");
    assertThat(noForm.get("reason").asText()).contains("has no form");
    assertThat(noForm.get("property").asText()).isEqualTo("formRef");
    JsonNode bean = problem(problems, "Task_SendMail");
    assertThat(bean.get("reason").asText()).contains("${sendTheMail}");
    assertThat(bean.get("property").asText()).isEqualTo("delegateExpression");
    assertThat(deployments()).isEqualTo(before);
  }

  @Test
  void aFormFieldWithoutALabelIsNamedByItsKey() {
    String formId = unique("plan-form");
    String unlabelled =
        form(formId, "What did you learn?").replace(", \"label\": \"What did you learn?\"", "");

    HttpResponse<String> checked =
        postFiles(
            organizer, "/plan/api/check", null, Map.of(formId + ".form", unlabelled), Map.of());

    assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
    JsonNode problem = problem(json(checked).get("problems"), "notes");
    assertThat(problem.get("resource").asText()).isEqualTo(formId + ".form");
    assertThat(problem.get("reason").asText()).contains("no label");
    assertThat(problem.get("property").asText()).isEqualTo("label");
  }

  @Test
  void aCheckWithoutFilesIsRefusedNamingTheField() {
    HttpResponse<String> empty =
        postFiles(organizer, "/plan/api/check", null, Map.of(), fields("description", "x"));
    HttpResponse<String> notMultipart = postJson(organizer, "/plan/api/check", null, "{}");

    for (HttpResponse<String> refused : java.util.List.of(empty, notMultipart)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(json(refused).get("problems").get(0).get("field").asText()).isEqualTo("files");
    }
  }

  @Test
  void aDeployWithADescriptionMakesTheNextVersionAndNamesTheOrganizer() {
    String key = unique("plan-deploy");
    int first = deployed(key, "Hold a debrief", null);
    String csrf = csrf(organizer);

    HttpResponse<String> deploy =
        postFiles(
            organizer,
            "/plan/api/deploy",
            csrf,
            Map.of(key + ".bpmn", process(key, "Hold the debrief", "hold-debrief")),
            fields("description", "Renamed the debrief", "basedOnVersion", "" + first));

    assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(200);
    JsonNode answer = json(deploy);
    assertThat(answer.get("key").asText()).isEqualTo(key);
    assertThat(answer.get("version").asInt()).isEqualTo(first + 1);
    String deploymentId = answer.get("deploymentId").asText();
    JsonNode newest =
        json(open(organizer, "/plan/api/processes/" + key + "/versions")).get("versions").get(0);
    assertThat(newest.get("version").asInt()).isEqualTo(first + 1);
    assertThat(newest.get("description").asText()).isEqualTo("Renamed the debrief");
    assertThat(newest.get("deployedBy").asText()).isEqualTo(ORGANIZER);
    assertThat(
            processEngine
                .getHistoryService()
                .createUserOperationLogQuery()
                .deploymentId(deploymentId)
                .entityType(EntityTypes.DEPLOYMENT)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE)
                .userId(ORGANIZER)
                .count())
        .isEqualTo(1);
    JsonNode opened = json(open(organizer, "/plan/api/processes/" + key));
    assertThat(opened.get("version").asInt()).isEqualTo(first + 1);
    assertThat(opened.get("xml").asText()).contains("Hold the debrief");
    assertThat(opened.get("description").asText()).isEqualTo("Renamed the debrief");
  }

  @Test
  void aStaleDeployIsToldOfTheNewerVersionAndForceDeploysIt() {
    String key = unique("plan-stale");
    int opened = deployed(key, "Hold a debrief", null);
    int newer = deployed(key, "Hold the debrief", opened);
    String csrf = csrf(organizer);
    Map<String, String> mine = Map.of(key + ".bpmn", process(key, "Debrief", "hold-debrief"));

    HttpResponse<String> stale =
        postFiles(
            organizer,
            "/plan/api/deploy",
            csrf,
            mine,
            fields("description", "Shorter name", "basedOnVersion", "" + opened));

    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
    assertThat(json(stale).get("newerVersion").asInt()).isEqualTo(newer);
    assertThat(json(stale).get("message").asText())
        .startsWith("Version " + newer + " was deployed by " + ORGANIZER + " at ")
        .contains("since you opened version " + opened)
        .contains("choose “Deploy anyway”"); // the page's button, by its name
    assertThat(newestVersion(key)).isEqualTo(newer);

    HttpResponse<String> forced =
        postFiles(
            organizer,
            "/plan/api/deploy",
            csrf,
            mine,
            fields("description", "Shorter name", "basedOnVersion", "" + opened, "force", "true"));

    assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
    assertThat(json(forced).get("version").asInt()).isEqualTo(newer + 1);
  }

  @Test
  void aProcessAndItsChangedFormDeployTogether() {
    String key = unique("plan-together");
    String formId = key + "-form";
    Map<String, String> files = new java.util.LinkedHashMap<>();
    files.put(formId + ".form", form(formId, "What did you learn?"));
    files.put(key + ".bpmn", process(key, "Hold a debrief", formId));
    String csrf = csrf(organizer);
    HttpResponse<String> first =
        postFiles(organizer, "/plan/api/deploy", csrf, files, fields("description", "New step"));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    files.put(formId + ".form", form(formId, "What did the group learn?"));

    HttpResponse<String> both =
        postFiles(
            organizer,
            "/plan/api/deploy",
            csrf,
            files,
            fields("description", "Clearer question", "basedOnVersion", "1"));

    assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
    String deploymentId = json(both).get("deploymentId").asText();
    assertThat(json(both).get("version").asInt()).isEqualTo(2);
    JsonNode form = json(open(organizer, "/plan/api/forms/" + formId));
    assertThat(form.get("version").asInt()).isEqualTo(2);
    assertThat(form.get("schema").get("components").get(0).get("label").asText())
        .isEqualTo("What did the group learn?");
    assertThat(form.get("description").asText()).isEqualTo("Clearer question");
    assertThat(
            repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .latestVersion()
                .singleResult()
                .getDeploymentId())
        .isEqualTo(deploymentId);
    assertThat(repositoryService.getDeploymentResourceNames(deploymentId))
        .containsExactlyInAnyOrder(formId + ".form", key + ".bpmn");
  }

  @Test
  void aFormDeployedAloneIsTheNextVersionOfTheSharedFormAndTheNextTaskShowsIt() throws Exception {
    // shared, as the start-up deployment makes the shipped plan and its forms
    String key = unique("plan-form-alone");
    String formId = key + "-form";
    List<String> deployed = new ArrayList<>();
    deployed.add(
        repositoryService
            .createDeployment()
            .addString(formId + ".form", form(formId, "What did you learn?"))
            .addString(key + ".bpmn", process(key, "Hold a debrief", formId))
            .deploy()
            .getId());
    try {
      HttpResponse<String> deploy =
          postFiles(
              organizer,
              "/plan/api/deploy",
              csrf(organizer),
              Map.of(formId + ".form", form(formId, "What did the group learn?")),
              fields("description", "Clearer question", "basedOnVersion", "1"));

      assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(200);
      deployed.add(json(deploy).get("deploymentId").asText());
      assertThat(json(deploy).get("key").asText()).isEqualTo(formId);
      assertThat(json(deploy).get("version").asInt()).isEqualTo(2);
      assertThat(
              repositoryService
                  .createDeploymentQuery()
                  .deploymentId(deployed.get(1))
                  .singleResult()
                  .getTenantId())
          .as("shared like the form it changes")
          .isNull();
      JsonNode opened = json(open(organizer, "/plan/api/forms/" + formId));
      assertThat(opened.get("version").asInt()).isEqualTo(2);
      assertThat(opened.get("tenantId").isNull()).as(opened.toString()).isTrue();

      String instance = processEngine.getRuntimeService().startProcessInstanceByKey(key).getId();
      String task =
          processEngine
              .getTaskService()
              .createTaskQuery()
              .processInstanceId(instance)
              .singleResult()
              .getId();
      try (var shown = processEngine.getFormService().getDeployedTaskForm(task)) {
        assertThat(new String(shown.readAllBytes(), StandardCharsets.UTF_8))
            .contains("What did the group learn?");
      }
    } finally {
      deployed.forEach(id -> repositoryService.deleteDeployment(id, true, true, true));
    }
  }

  @Test
  void aRefusedDeployShowsTheProblemsAndLeavesTheNewestVersion() {
    String key = unique("plan-refused");
    int newest = deployed(key, "Hold a debrief", null);
    long before = deployments();

    HttpResponse<String> refused =
        postFiles(
            organizer,
            "/plan/api/deploy",
            csrf(organizer),
            Map.of(key + ".bpmn", process(key, "Hold a debrief", "no-such-form")),
            fields("description", "Another form", "basedOnVersion", "" + newest));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode answer = json(refused);
    assertThat(answer.get("message").asText()).startsWith("Nothing was deployed.");
    JsonNode problem = problem(answer.get("problems"), "Task_HoldDebrief");
    assertThat(problem.get("reason").asText()).contains("no-such-form");
    assertThat(problem.get("property").asText()).isEqualTo("formRef");
    assertThat(deployments()).isEqualTo(before);
    assertThat(newestVersion(key)).isEqualTo(newest);
  }

  @Test
  void aDeployWithoutTheSessionsTokenIsRefusedAndDeploysNothing() {
    String key = unique("plan-csrf");
    long before = deployments();

    for (String token : new String[] {null, "forged"}) {
      HttpResponse<String> refused =
          postFiles(
              organizer,
              "/plan/api/deploy",
              token,
              Map.of(key + ".bpmn", process(key, "Hold a debrief", "hold-debrief")),
              fields("description", "Sneaky"));

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(json(refused).get("message").asText()).contains("Reload the page");
    }
    assertThat(deployments()).isEqualTo(before);
  }

  @Test
  void aDeployWithoutADescriptionOrWithTwoLinesIsRefusedNamingTheField() {
    String key = unique("plan-description");
    String csrf = csrf(organizer);
    long before = deployments();
    List<String> messages = new ArrayList<>();

    for (Map<String, String> fields :
        List.of(fields(), fields("description", "  "), fields("description", "One\nTwo"))) {
      HttpResponse<String> refused =
          postFiles(
              organizer,
              "/plan/api/deploy",
              csrf,
              Map.of(key + ".bpmn", process(key, "Hold a debrief", "hold-debrief")),
              fields);

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(json(refused).get("problems").get(0).get("field").asText())
          .isEqualTo("description");
      messages.add(json(refused).get("message").asText());
    }
    assertThat(messages.get(2)).contains("one line");
    assertThat(deployments()).isEqualTo(before);
  }

  /** A user task without a form and a service task calling a bean that is not a model bean. */
  private static String mistakes(String key) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="Definitions_Mistakes" targetNamespace="http://pathtovictory.org/test">
          <bpmn:process id="%s" name="Two mistakes" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_Started" name="Started">
              <bpmn:outgoing>Flow_ToTask</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:userTask id="Task_HoldDebrief" name="Hold a debrief" camunda:candidateGroups="group-leads"
                camunda:dueDate="${dueDate.inDays(execution, 3)}">
              <bpmn:incoming>Flow_ToTask</bpmn:incoming>
              <bpmn:outgoing>Flow_ToMail</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:serviceTask id="Task_SendMail" name="Send the mail" camunda:delegateExpression="${sendTheMail}">
              <bpmn:incoming>Flow_ToMail</bpmn:incoming>
              <bpmn:outgoing>Flow_ToEnd</bpmn:outgoing>
            </bpmn:serviceTask>
            <bpmn:endEvent id="EndEvent_Done" name="Done">
              <bpmn:incoming>Flow_ToEnd</bpmn:incoming>
            </bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_Started" targetRef="Task_HoldDebrief" />
            <bpmn:sequenceFlow id="Flow_ToMail" sourceRef="Task_HoldDebrief" targetRef="Task_SendMail" />
            <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_SendMail" targetRef="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(key);
  }

  private int deployed(String key, String taskName, Integer basedOn) {
    var fields = fields("description", "Step named " + taskName);
    if (basedOn != null) {
      fields.put("basedOnVersion", "" + basedOn);
    }
    HttpResponse<String> deploy =
        postFiles(
            organizer,
            "/plan/api/deploy",
            csrf(organizer),
            Map.of(key + ".bpmn", process(key, taskName, "hold-debrief")),
            fields);
    assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(200);
    return json(deploy).get("version").asInt();
  }

  private static JsonNode problem(JsonNode problems, String elementId) {
    for (JsonNode problem : problems) {
      if (elementId.equals(problem.path("elementId").asText())) {
        return problem;
      }
    }
    throw new AssertionError("no problem on " + elementId + " in " + problems);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
