package org.pathtovictory.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.pathtovictory.WebTestSupport;
import org.pathtovictory.identity.CampaignRole;
import org.pathtovictory.identity.LocalGroups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Joining over HTTP against the whole application (demo identities, shared context). */
abstract class OnboardingTestSupport extends WebTestSupport {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String STRONG = "Door-Knock-2026!";
  static final Pattern LINK =
      Pattern.compile("http://localhost:8080(/[a-z]+(/changes)?/[A-Za-z0-9_-]{20,})");

  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired LocalGroups groups;

  /** Each test comes from its own address: the public pages allow 20 requests a minute each. */
  private static final java.util.concurrent.atomic.AtomicInteger ADDRESS =
      new java.util.concurrent.atomic.AtomicInteger(10);

  String clientAddress;

  @org.junit.jupiter.api.BeforeEach
  void newClientAddress() {
    clientAddress = "198.51.100." + ADDRESS.incrementAndGet();
  }

  @Override
  protected java.net.http.HttpRequest.Builder request(String path, String user) {
    return super.request(path, user).header("X-Forwarded-For", clientAddress);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Map<String, Object> request(String slug) {
    return Map.of(
        "groupName", "Indivisible " + slug,
        "groupSlug", slug,
        "groupState", "NY",
        "groupDistrict", "NY-24",
        "organizationType", "UNINCORPORATED",
        "leadName", "Jordan Rivera",
        "leadEmail", slug + "@lead.pathtovictory.test");
  }

  HttpResponse<String> postJson(String path, String user, Object body) {
    try {
      return post(path, user, JSON.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  static List<String> fields(HttpResponse<String> response) {
    return json(response).path("problems").findValuesAsText("field");
  }

  /** Requests to join over the public JSON endpoint; returns the process instance id. */
  String requestToJoin(String slug) {
    HttpResponse<String> answer = postJson("/join", null, request(slug));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return json(answer).path("requestId").asText();
  }

  /** The organizer decides the review task of this request through the REST API. */
  HttpResponse<String> decide(String instanceId, String decision, String note) {
    String taskId =
        taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId();
    String variables =
        "{\"variables\": {\"joinDecision\": {\"value\": \""
            + decision
            + "\"}"
            + (note == null ? "" : ", \"joinDecisionNote\": {\"value\": \"" + note + "\"}")
            + "}}";
    return post("/engine-rest/task/" + taskId + "/complete", "organizer", variables);
  }

  /** The newest mail in the outbox to this address: its text. */
  String mailTo(String address) {
    List<String> texts =
        jdbc.queryForList(
            "SELECT text_body FROM ptv_mail_outbox WHERE recipient = ? ORDER BY created_at DESC",
            String.class,
            address);
    assertThat(texts).as("mail to " + address).isNotEmpty();
    return texts.get(0);
  }

  /** The path of the link in a mail ("/invitation/..." or "/join/changes/..."). */
  static String linkIn(String text) {
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).as(text).isTrue();
    return link.group(1);
  }

  /** A group of its own for a test, with a lead whose password is the demo one. */
  String groupWithLead(String slug, String leadId) {
    groups.create(slug, "Indivisible " + slug);
    User lead = identityService.newUser(leadId);
    lead.setFirstName("Lee");
    lead.setLastName("Lead");
    lead.setEmail(leadId + "@lead.pathtovictory.test");
    lead.setPassword(PASSWORD);
    ((IdentityServiceImpl) identityService).saveUser(lead, true);
    identityService.createTenantUserMembership(slug, leadId);
    identityService.createMembership(leadId, CampaignRole.GROUP_LEAD.groupId());
    return leadId;
  }
}
