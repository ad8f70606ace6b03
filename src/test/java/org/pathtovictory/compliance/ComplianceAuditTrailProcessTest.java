package org.pathtovictory.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The audit trail of a finished endorsement over REST, as JSON and CSV, read by the demo users
 * (HTTP Basic): every compliance decision with who, when, what and on which facts.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.profiles.include=demo")
class ComplianceAuditTrailProcessTest extends ComplianceTestSupport {

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void auditTrailOfFinishedEndorsement() throws Exception {
    // Given an endorsement mis-recorded as a 501(c)(3), corrected, spending approved with
    // conditions, the firewall acknowledged, and a spending question asked over REST mid-campaign
    Map<String, Object> vars = endorsement("C3", true, "CAMPAIGN");
    ProcessInstance gateway = startComplianceReview(vars);
    reviewerCompletes(
        gateway,
        Map.of(
            "c3Decision",
            "CORRECTED",
            "correctedOrganizationType",
            "C4",
            "c3ReviewNote",
            "Checked IRS"));
    reviewerCompletes(
        gateway,
        Map.of(
            "spendingDecision",
            "APPROVED_WITH_CONDITIONS",
            "spendingConditions",
            "Swag only; keep receipts"));
    ProcessInstance firewall = calledFirewallAcknowledgement(gateway);
    HttpResponse<String> asked = askSpendingQuestionOverRest(businessKey(vars), ITHACA_LEAD);
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
    // (another group's lead cannot ask in Ithaca's name: 400 naming the field)
    HttpResponse<String> refused = askSpendingQuestionOverRest(businessKey(vars), "a2-lead");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("leadGroup").contains("belong to");
    groupLeadCompletes(firewall, Map.of("firewallAcknowledged", true));
    ProcessInstance question =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(SPENDING_QUESTION)
            .processInstanceBusinessKey(businessKey(vars))
            .singleResult();
    assertThat(question.getTenantId()).isEqualTo(ITHACA);
    reviewerCompletes(
        question,
        Map.of("spendingQuestionDecision", "APPROVED", "spendingQuestionAnswer", "Yes, go ahead."));
    groupLeadCompletes(question, Map.of("spendingAnswerRead", true));
    assertThat(gateway).isEnded();
    assertThat(question).isEnded();

    // When a compliance reviewer reads the audit trail
    HttpResponse<String> response =
        get("/api/endorsements/" + gateway.getId() + "/compliance-decisions", "compliance");

    // Then every decision is there: who, when, what, on which facts
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode decisions = json.readTree(response.body());
    List<String> steps = new ArrayList<>();
    decisions.forEach(decision -> steps.add(decision.get("step").asText()));
    assertThat(steps)
        .containsExactlyInAnyOrder(
            "BusinessRuleTask_DecideComplianceRoute",
            "BusinessRuleTask_DecideComplianceRoute",
            "Task_Review501c3Status",
            "Task_ReviewPlannedSpending",
            "Task_AcknowledgeFirewall",
            "Task_AnswerSpendingQuestion");
    decisions.forEach(
        decision -> assertThat(decision.get("decidedAt").asText()).startsWith("2026-06-01T"));

    List<JsonNode> routes = find(decisions, "BusinessRuleTask_DecideComplianceRoute");
    assertThat(routes.get(0).get("decidedBy").asText())
        .isEqualTo("decision table complianceRoute, version 1");
    assertThat(routes)
        .extracting(route -> route.get("decision").get("route").toString())
        .containsExactlyInAnyOrder("[\"C3_REVIEW\"]", "[\"SPENDING_REVIEW\",\"FIREWALL_ACK\"]");
    assertThat(routes)
        .extracting(route -> route.get("facts").get("Organization type").asText())
        .containsExactlyInAnyOrder("C3", "C4");

    JsonNode c3Review = find(decisions, "Task_Review501c3Status").get(0);
    assertThat(c3Review.get("decidedBy").asText()).isEqualTo("compliance");
    assertThat(c3Review.get("decision").get("c3Decision").asText()).isEqualTo("CORRECTED");
    assertThat(c3Review.get("decision").get("organizationType").asText()).isEqualTo("C4");
    assertThat(c3Review.get("decision").get("c3ReviewNote").asText()).isEqualTo("Checked IRS");
    assertThat(c3Review.get("facts").get("organizationType").asText()).isEqualTo("C3");

    JsonNode spending = find(decisions, "Task_ReviewPlannedSpending").get(0);
    assertThat(spending.get("decidedBy").asText()).isEqualTo("compliance");
    assertThat(spending.get("decision").get("spendingDecision").asText())
        .isEqualTo("APPROVED_WITH_CONDITIONS");
    assertThat(spending.get("decision").get("spendingConditions").asText())
        .isEqualTo("Swag only; keep receipts");
    assertThat(spending.get("facts").get("spendingDescription").asText())
        .contains("kick-off party");
    assertThat(spending.get("facts").get("organizationType").asText()).isEqualTo("C4");

    JsonNode acknowledgement = find(decisions, "Task_AcknowledgeFirewall").get(0);
    assertThat(acknowledgement.get("process").asText()).isEqualTo(FIREWALL_ACKNOWLEDGEMENT);
    assertThat(acknowledgement.get("decidedBy").asText()).isEqualTo(ITHACA_LEAD);
    assertThat(acknowledgement.get("decision").get("firewallAcknowledged").asBoolean()).isTrue();
    assertThat(acknowledgement.get("decision").get("firewallProgram").asText())
        .isEqualTo("CAMPAIGN");
    assertThat(acknowledgement.get("facts").get("voterContactProgram").asText())
        .isEqualTo("CAMPAIGN");

    JsonNode answer = find(decisions, "Task_AnswerSpendingQuestion").get(0);
    assertThat(answer.get("process").asText()).isEqualTo(SPENDING_QUESTION);
    assertThat(answer.get("decidedBy").asText()).isEqualTo("compliance");
    assertThat(answer.get("decision").get("spendingQuestionDecision").asText())
        .isEqualTo("APPROVED");
    assertThat(answer.get("facts").get("askedBy").asText()).isEqualTo(ITHACA_LEAD);
    assertThat(answer.get("facts").get("spendingAmount").asLong()).isEqualTo(450L);

    // And the same as a CSV export
    HttpResponse<String> csv =
        get("/api/endorsements/" + gateway.getId() + "/compliance-decisions.csv", "organizer");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "decidedAt,decidedBy,stepName,decision,facts,step,process,processInstanceId,endorsement");
    assertThat(lines).hasSize(1 + decisions.size());
    assertThat(csv.body())
        .contains(
            "\"spendingDecision=APPROVED_WITH_CONDITIONS; spendingConditions=Swag only; keep receipts\"");

    // And only for those who may see this group's endorsements
    assertThat(
            get("/api/endorsements/" + gateway.getId() + "/compliance-decisions", "a2-lead")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            get("/api/endorsements/" + gateway.getId() + "/compliance-decisions", "ithaca-lead")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            get("/api/endorsements/" + gateway.getId() + "/compliance-decisions", null)
                .statusCode())
        .isEqualTo(401);
  }

  private HttpResponse<String> askSpendingQuestionOverRest(String businessKey, String user)
      throws Exception {
    String body =
        """
        {"messageName": "SpendingQuestion", "businessKey": "%s", "resultEnabled": true,
         "processVariables": {
           "leadGroup": {"value": "ny24-ithaca", "type": "String"},
           "spendingQuestion": {"value": "May we pay for a van for canvassers?", "type": "String"},
           "spendingAmount": {"value": 450, "type": "Long"}}}
        """
            .formatted(businessKey);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/message"))
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  private static List<JsonNode> find(JsonNode decisions, String step) {
    List<JsonNode> found = new ArrayList<>();
    decisions.forEach(
        decision -> {
          if (step.equals(decision.get("step").asText())) {
            found.add(decision);
          }
        });
    return found;
  }
}
