package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.pathtovictory.WebTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deploys as Camunda Modeler does ({@code POST /engine-rest/deployment/create}, multipart, HTTP
 * Basic) and builds the small test model {@code deploy-check} that each test changes one way.
 */
abstract class DeploymentTestSupport extends WebTestSupport {

  static final String KEY = "deploy-check";
  static final String FILE = "deploy-check.bpmn";
  static final String TASK_LABEL = "Task_HoldDebrief (Hold a debrief)";

  @Autowired RepositoryService repositoryService;
  final ObjectMapper json = new ObjectMapper();

  /** A step of the test model between its user task and its end. */
  record Step(String open, String extensions, String inner, String close) {
    static Step of(String open, String close) {
      return new Step(open, "", "", close);
    }
  }

  static final String TASK =
      "<bpmn:userTask id=\"Task_HoldDebrief\" name=\"Hold a debrief\" camunda:formRef=\"hold-debrief\""
          + " camunda:formRefBinding=\"latest\" camunda:candidateGroups=\"group-leads\""
          + " camunda:dueDate=\"${dueDate.inDays(execution, 3)}\">";
  static final Step MANUAL =
      Step.of("<bpmn:manualTask id=\"Task_Step\" name=\"Step\">", "</bpmn:manualTask>");

  static String model(String task, Step step, String outside, String header) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            id="Definitions_DeployCheck" targetNamespace="http://pathtovictory.org/test">
          %s
          <bpmn:process id="deploy-check" name="Deploy check" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_Started" name="Started">
              <bpmn:outgoing>Flow_ToTask</bpmn:outgoing>
            </bpmn:startEvent>
            %s
              <bpmn:incoming>Flow_ToTask</bpmn:incoming>
              <bpmn:outgoing>Flow_ToStep</bpmn:outgoing>
            </bpmn:userTask>
            %s
              %s
              <bpmn:incoming>Flow_ToStep</bpmn:incoming>
              <bpmn:outgoing>Flow_ToEnd</bpmn:outgoing>
              %s
            %s
            <bpmn:endEvent id="EndEvent_Done" name="Done">
              <bpmn:incoming>Flow_ToEnd</bpmn:incoming>
            </bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_Started" targetRef="Task_HoldDebrief" />
            <bpmn:sequenceFlow id="Flow_ToStep" sourceRef="Task_HoldDebrief" targetRef="Task_Step" />
            <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_Step" targetRef="EndEvent_Done" />
            %s
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(
            header, task, step.open(), step.extensions(), step.inner(), step.close(), outside);
  }

  static String model(String task, Step step) {
    return model(task, step, "", "");
  }

  static String validModel() {
    return model(TASK, MANUAL);
  }

  static String form(String id, String componentsJson) {
    return """
        {"id": "%s", "type": "default", "schemaVersion": 12, "components": %s}
        """
        .formatted(id, componentsJson);
  }

  /** Deploys the files (name to content) as {@code user}, as Camunda Modeler does. */
  HttpResponse<String> deploy(String user, Map<String, String> files) {
    String boundary = "----ptv" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deployment-name", KEY);
    fields.put("deployment-source", "Camunda Modeler");
    fields.put("deploy-changed-only", "true");
    fields.forEach(
        (name, value) ->
            write(
                body,
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + name
                    + "\"\r\n\r\n"
                    + value
                    + "\r\n"));
    files.forEach(
        (name, content) ->
            write(
                body,
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + name
                    + "\"; filename=\""
                    + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    + content
                    + "\r\n"));
    write(body, "--" + boundary + "--\r\n");
    return send(
        request("/engine-rest/deployment/create", user)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  HttpResponse<String> deploy(String user, String bpmn) {
    return deploy(user, Map.of(FILE, bpmn));
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The valid test model is deployed (once per application context). */
  void validModelDeployed() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY).count() == 0) {
      assertThat(deploy("organizer", validModel()).statusCode()).isEqualTo(200);
    }
  }

  int newestVersion() {
    return repositoryService
        .createProcessDefinitionQuery()
        .processDefinitionKey(KEY)
        .latestVersion()
        .singleResult()
        .getVersion();
  }

  long deployments() {
    return repositoryService.createDeploymentQuery().count();
  }

  JsonNode read(HttpResponse<String> response) {
    try {
      return json.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
