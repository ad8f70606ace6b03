package org.pathtovictory.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Comparing versions and moving running campaigns from the plan editor: the same answers as {@code
 * /api/models/{key}/...} on the page's session, migrations and rollbacks only with the session's
 * token, and the engine's log naming the organizer.
 */
class PlanVersionsApiTest extends PlanTestSupport {

  private HttpClient organizer;
  private String csrf;
  private String key;

  @BeforeEach
  void twoVersionsWithRunningCampaigns() {
    organizer = signedIn(ORGANIZER);
    csrf = csrf(organizer);
    key = PlanApiTest.unique("plan-versions");
    deploy("Hold a debrief", "First version", null);
    processEngine.getRuntimeService().startProcessInstanceByKey(key, "campaign-1");
    processEngine.getRuntimeService().startProcessInstanceByKey(key, "campaign-2");
    deploy("Hold the debrief", "Renamed the debrief", 1);
  }

  @Test
  void theVersionsListShowsDescriptionsAndRunningCampaigns() {
    JsonNode versions = json(open(organizer, "/plan/api/processes/" + key + "/versions"));

    assertThat(versions.get("processKey").asText()).isEqualTo(key);
    JsonNode newest = versions.get("versions").get(0);
    JsonNode first = versions.get("versions").get(1);
    assertThat(newest.get("version").asInt()).isEqualTo(2);
    assertThat(newest.get("description").asText()).isEqualTo("Renamed the debrief");
    assertThat(newest.get("runningCampaigns").asLong()).isZero();
    assertThat(first.get("runningCampaigns").asLong()).isEqualTo(2);
    assertThat(first.get("deployedBy").asText()).isEqualTo(ORGANIZER);
    assertThat(first.get("definitionId").asText()).startsWith(key + ":1:");
    JsonNode xml = json(open(organizer, "/plan/api/processes/" + key + "/versions/1/xml"));
    assertThat(xml.get("xml").asText()).contains("Hold a debrief");
    assertThat(open(organizer, "/plan/api/processes/" + key + "/versions/9/xml").statusCode())
        .isEqualTo(404);
  }

  @Test
  void theChangesNameTheRenamedStep() {
    HttpResponse<String> changes =
        open(organizer, "/plan/api/processes/" + key + "/changes?from=1&to=2");

    assertThat(changes.statusCode()).as(changes.body()).isEqualTo(200);
    assertThat(json(changes).get("changed").toString())
        .contains("Task_HoldDebrief")
        .contains("Hold the debrief");
  }

  @Test
  void theDryRunThenTheMigrationMoveBothCampaigns() {
    HttpResponse<String> dryRun =
        open(organizer, "/plan/api/processes/" + key + "/migration?from=1&to=2");

    assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
    assertThat(json(dryRun).get("canMove").asInt()).isEqualTo(2);
    assertThat(json(dryRun).get("instances").get(0).get("businessKey").asText())
        .isEqualTo("campaign-1");

    String body = "{\"from\": 1, \"to\": 2, \"mappings\": {}}";
    HttpResponse<String> forged =
        postJson(organizer, "/plan/api/processes/" + key + "/migration", null, body);
    assertThat(forged.statusCode()).isEqualTo(403);
    HttpResponse<String> moved =
        postJson(organizer, "/plan/api/processes/" + key + "/migration", csrf, body);

    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(json(moved).get("moving").asInt()).isEqualTo(2);
    assertThat(
            processEngine
                .getHistoryService()
                .createUserOperationLogQuery()
                .operationType("Migrate")
                .userId(ORGANIZER)
                .count())
        .isPositive();
  }

  @Test
  void theRollbackDryRunThenTheRollbackMakeTheFirstVersionCurrentAgain() {
    HttpResponse<String> dryRun = open(organizer, "/plan/api/processes/" + key + "/rollback");

    assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
    assertThat(json(dryRun).get("from").asInt()).isEqualTo(2);
    assertThat(json(dryRun).get("to").asInt()).isEqualTo(1);

    HttpResponse<String> rolledBack =
        postJson(organizer, "/plan/api/processes/" + key + "/rollback", csrf, "{}");

    assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
    assertThat(json(rolledBack).get("newVersion").asInt()).isEqualTo(3);
    assertThat(newestVersion(key)).isEqualTo(3);
    JsonNode newest = json(open(organizer, "/plan/api/processes/" + key));
    assertThat(newest.get("xml").asText()).contains("Hold a debrief");
    assertThat(newest.get("description").asText()).contains("roll back");
  }

  private void deploy(String taskName, String description, Integer basedOn) {
    var fields = fields("description", description);
    if (basedOn != null) {
      fields.put("basedOnVersion", "" + basedOn);
    }
    HttpResponse<String> deployed =
        postFiles(
            organizer,
            "/plan/api/deploy",
            csrf,
            Map.of(key + ".bpmn", process(key, taskName, "hold-debrief")),
            fields);
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
  }
}
