package org.pathtovictory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.WebTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/** Whatever a volunteer submits is checked on the server; refused input leaves the task open. */
class VariableInputGuardTest extends WebTestSupport {

  static final String VOLUNTEER = "ithaca-canvass";
  static final String SCRIPT = "<script>alert('pwned')</script>";

  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  private String taskId;

  @BeforeEach
  void anOpenCanvassTaskInIthaca() {
    Task task = taskService.newTask();
    task.setName("Plan the canvass turf");
    task.setTenantId(ProcessTestSupport.ITHACA);
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), "canvass-leads");
    taskId = task.getId();
  }

  @AfterEach
  void removeTask() {
    if (taskService.createTaskQuery().taskId(taskId).count() > 0) {
      taskService.deleteTask(taskId, true);
    } else {
      historyService.deleteHistoricTaskInstance(taskId);
    }
  }

  private void assertRefusedNaming(String body, String field) {
    var response = post("/engine-rest/task/" + taskId + "/complete", VOLUNTEER, body);
    assertThat(response.statusCode()).as(body).isEqualTo(400);
    assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("task still open").isOne();
  }

  @Test
  void oversizedTextIsRefusedNamingTheField() {
    String huge = "x".repeat(10_001);
    assertRefusedNaming(
        "{\"variables\": {\"turfNotes\": {\"value\": \"" + huge + "\", \"type\": \"String\"}}}",
        "turfNotes");
    assertRefusedNaming(
        "{\"variables\": {\"turfNotes\": {\"value\": \"" + huge + "\"}}}", "turfNotes");
  }

  @Test
  void malformedValuesAreRefusedNamingTheField() {
    assertRefusedNaming(
        "{\"variables\": {\"shifts\": {\"value\": \"three\", \"type\": \"Integer\"}}}", "shifts");
    assertRefusedNaming(
        "{\"variables\": {\"confirmed\": {\"value\": \"yes\", \"type\": \"Boolean\"}}}",
        "confirmed");
    assertRefusedNaming(
        "{\"variables\": {\"canvassDay\": {\"value\": \"next Saturday\", \"type\": \"Date\"}}}",
        "canvassDay");
    assertRefusedNaming(
        """
        {"variables": {"payload": {"value": "rO0ABXQAA2Zvbw==", "type": "Object",
          "valueInfo": {"objectTypeName": "java.lang.String",
                        "serializationDataFormat": "application/x-java-serialized-object"}}}}
        """,
        "payload");
    assertRefusedNaming(
        """
        {"variables": {"payload": {"value": "{}", "type": "Object",
          "valueInfo": {"objectTypeName": "java.net.URL",
                        "serializationDataFormat": "application/json"}}}}
        """,
        "payload");
    assertRefusedNaming("{\"variables\": {\"turf\": {\"value\": [1, 2]}}}", "turf");
    assertRefusedNaming("{\"variables\": {\"turfNotes\": ", "body");
  }

  @Test
  void aScriptIsRefusedAndOneStoredByOtherMeansIsServedBackAsText() {
    // markup in text is refused, naming the variable (web.PlainText), on every path
    var put =
        send(
            request("/engine-rest/task/" + taskId + "/variables/turfNotes", VOLUNTEER)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"value\": \"" + SCRIPT + "\", \"type\": \"String\"}"))
                .build());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(400);
    assertThat(put.body()).contains("\"field\":\"turfNotes\"", "must be plain text");
    var complete =
        post(
            "/engine-rest/task/" + taskId + "/complete",
            VOLUNTEER,
            "{\"variables\": {\"turfNotes\": {\"value\": \"" + SCRIPT + "\"}}}");
    assertThat(complete.statusCode()).isEqualTo(400);
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).isOne();
    // a value stored by other means (Java, an older version) is served as JSON data, never a page
    taskService.setVariable(taskId, "turfNotes", SCRIPT);
    var read = get("/engine-rest/task/" + taskId + "/variables/turfNotes", VOLUNTEER);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(read.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(read.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    assertThat(read.body()).contains("\"value\":\"" + SCRIPT + "\"");
  }
}
