package org.pathtovictory.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.WebTestSupport;
import org.pathtovictory.identity.LocalGroups;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A joint campaign on {@code /api/board} and {@code /api/joint-campaigns}, over HTTP as the demo
 * users: Ithaca leads, Ann Arbor is the partner, both report voter contact. Each group sees the
 * campaign once with both groups' phases and numbers and the sum, and only its own group's steps,
 * volunteers and free text; an organizer sees everything; a group outside sees nothing.
 */
class JointCampaignBoardApiTest extends WebTestSupport {

  static final String CANDIDATE = "Joint Board Candidate";
  static final String OUTSIDER = "oh-outside-lead";
  static final String OUTSIDE_GROUP = "oh01-outside";

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  private final ObjectMapper json = new ObjectMapper();
  private ProcessInstance lead;
  private ProcessInstance partner;

  @BeforeEach
  void ithacaAndAnnArborCampaignTogether() {
    BoardCampaigns.setToday(BoardCampaigns.TODAY);
    lead = JointBoardCampaigns.ithacaWithAnnArbor(processEngine, CANDIDATE);
    partner = JointBoardCampaigns.partnerOf(lead, ProcessTestSupport.ANN_ARBOR);
    assertThat(partner).as("Ann Arbor's part of the campaign").isNotNull();
    assertThat(partner.getTenantId()).isEqualTo(ProcessTestSupport.ANN_ARBOR);
  }

  @AfterEach
  void removeCampaigns() {
    ClockUtil.reset();
    for (var instance : runtimeService.createProcessInstanceQuery().rootProcessInstances().list()) {
      runtimeService.deleteProcessInstance(instance.getId(), "test done", true, true, true);
    }
    if (identityService.createUserQuery().userId(OUTSIDER).count() > 0) {
      identityService.deleteUser(OUTSIDER);
    }
    if (identityService.createTenantQuery().tenantId(OUTSIDE_GROUP).count() > 0) {
      identityService.deleteTenant(OUTSIDE_GROUP);
    }
  }

  /** Both groups in voter contact, each reporting a week; a volunteer of each holds a step. */
  private void bothGroupsReport() {
    JointBoardCampaigns.confirm(partner, true);
    JointBoardCampaigns.partnerToVoterContact(partner);
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(7));
    BoardCampaigns.report(lead, 400, 120, 300, 1);
    BoardCampaigns.report(partner, 250, 80, 200, 1);
    taskService.claim(
        JointBoardCampaigns.task(partner, "Task_OrganizeCanvassing").getId(), "a2-canvass");
    taskService.claim(
        JointBoardCampaigns.task(lead, "Task_OrganizeCanvassing").getId(), "ithaca-canvass");
  }

  @Test
  void bothGroupsReportsAddUpOnceForEitherGroup() throws Exception {
    bothGroupsReport();
    for (String user : List.of("ithaca-lead", "a2-lead")) {
      JsonNode board = json.readTree(get("/api/board", user).body());
      // once: the partner's instance is no campaign of its own
      assertThat(board.path("campaigns").findValuesAsText("candidateName"))
          .as(user)
          .containsExactly(CANDIDATE);
      JsonNode campaign = board.path("campaigns").get(0);
      assertThat(goal(campaign.path("voterContact"), "doors").path("done").asLong())
          .as(user + ": doors of both groups")
          .isEqualTo(650);
      assertThat(goal(campaign.path("voterContact"), "doors").path("goal").asLong())
          .as("the campaign's goal is the lead group's")
          .isEqualTo(5000);
      assertThat(goal(campaign.path("voterContact"), "calls").path("done").asLong()).isEqualTo(200);
      assertThat(values(campaign.path("voterContact").path("weeks"), "doors"))
          .containsExactly(650L);
      JsonNode groups = campaign.path("joint").path("groups");
      assertThat(groups.findValuesAsText("group"))
          .containsExactly(ProcessTestSupport.ITHACA, ProcessTestSupport.ANN_ARBOR);
      assertThat(goal(groups.get(0).path("voterContact"), "doors").path("done").asLong())
          .isEqualTo(400);
      assertThat(goal(groups.get(1).path("voterContact"), "doors").path("done").asLong())
          .isEqualTo(250);
      assertThat(groups.get(1).path("phase").asText()).isEqualTo("VOTER_CONTACT");
      assertThat(groups.get(1).path("phaseWords").asText()).isEqualTo("Start talking to voters");
      assertThat(campaign.path("joint").path("groupsTakingPart").asInt()).isEqualTo(2);
    }
  }

  @Test
  void ithacaNeverSeesAnnArborsVolunteersOrFreeText() throws Exception {
    bothGroupsReport();
    String body = get("/api/board", "ithaca-lead").body();
    JsonNode groups = campaign(body).path("joint").path("groups");
    assertThat(groups.get(0).path("detail").asBoolean()).isTrue();
    assertThat(groups.get(0).path("steps").findValuesAsText("heldBy"))
        .contains(name("ithaca-canvass"));
    assertThat(groups.get(1).path("detail").asBoolean()).isFalse();
    assertThat(groups.get(1).path("steps")).isEmpty();
    assertThat(groups.get(1).path("openSteps").asInt()).isPositive();
    assertThat(body)
        .doesNotContain(
            name("a2-canvass"), "a2-canvass", "a2-lead", JointBoardCampaigns.PARTNER_PLAN);
    assertThat(get("/api/joint-campaigns", "ithaca-lead").body())
        .contains(CANDIDATE)
        .doesNotContain(
            name("a2-canvass"), "a2-canvass", "a2-lead", JointBoardCampaigns.PARTNER_PLAN);
  }

  @Test
  void annArborNeverSeesIthacasVolunteersOrFreeText() throws Exception {
    bothGroupsReport();
    String body = get("/api/board", "a2-lead").body();
    JsonNode campaign = campaign(body);
    JsonNode groups = campaign.path("joint").path("groups");
    assertThat(campaign.path("partnerView").asBoolean()).isTrue();
    assertThat(campaign.path("nextSteps")).isEmpty();
    assertThat(groups.get(0).path("detail").asBoolean()).isFalse();
    assertThat(groups.get(0).path("steps")).isEmpty();
    assertThat(groups.get(1).path("yourGroup").asBoolean()).isTrue();
    assertThat(groups.get(1).path("steps").findValuesAsText("heldBy")).contains(name("a2-canvass"));
    assertThat(body)
        .doesNotContain(
            name("ithaca-canvass"), "ithaca-canvass", "ithaca-lead", "Knock doors every evening.");
    assertThat(get("/api/joint-campaigns", "a2-lead").body())
        .contains(CANDIDATE, name("a2-canvass"))
        .doesNotContain(name("ithaca-canvass"), "ithaca-canvass", "ithaca-lead");
    // the lead group's weekly reports, exported by the partner, leave out who reported
    var export = get("/api/board/campaigns/" + lead.getId() + "/voter-contact.csv", "a2-lead");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.body()).contains(",400,").doesNotContain("ithaca-lead");
  }

  @Test
  void aGroupOutsideTheCampaignDoesNotSeeIt() throws Exception {
    var group = identityService.newTenant(OUTSIDE_GROUP);
    group.setName("Outside Indivisible");
    identityService.saveTenant(group);
    User outsider = identityService.newUser(OUTSIDER);
    outsider.setPassword("Gr4nite-Ballot-Key!");
    outsider.setFirstName("Olive");
    outsider.setLastName("Outside");
    identityService.saveUser(outsider);
    identityService.createMembership(OUTSIDER, "group-leads");
    identityService.createTenantUserMembership(OUTSIDE_GROUP, OUTSIDER);

    var board =
        send(
            request("/api/board", null)
                .header("Authorization", basic(OUTSIDER, "Gr4nite-Ballot-Key!"))
                .GET()
                .build());
    assertThat(board.statusCode()).isEqualTo(200);
    assertThat(board.body()).doesNotContain(CANDIDATE);
    var joint =
        send(
            request("/api/joint-campaigns", null)
                .header("Authorization", basic(OUTSIDER, "Gr4nite-Ballot-Key!"))
                .GET()
                .build());
    assertThat(joint.statusCode()).isEqualTo(200);
    assertThat(joint.body()).isEqualTo("[]");
    assertThat(get("/api/joint-campaigns", null).statusCode()).isEqualTo(401);
  }

  @Test
  void anOrganizerSeesEveryGroupsDetail() throws Exception {
    bothGroupsReport();
    JsonNode campaign = campaign(get("/api/board", "organizer").body());
    JsonNode groups = campaign.path("joint").path("groups");
    assertThat(groups.get(0).path("detail").asBoolean()).isTrue();
    assertThat(groups.get(1).path("detail").asBoolean()).isTrue();
    assertThat(groups.findValuesAsText("heldBy"))
        .contains(name("ithaca-canvass"), name("a2-canvass"));
    assertThat(campaign.path("nextSteps")).isNotEmpty();
  }

  @Test
  void aPartnerThatDeclinedShowsAsNotTakingPart() throws Exception {
    // before answering, the partner is asked to confirm
    JsonNode asked = campaign(get("/api/board", "ithaca-lead").body());
    assertThat(asked.path("joint").path("groups").get(1).path("phase").asText())
        .isEqualTo("CONFIRMING");
    JointBoardCampaigns.confirm(partner, false);
    for (String user : List.of("ithaca-lead", "a2-lead", "organizer")) {
      JsonNode campaign = campaign(get("/api/board", user).body());
      JsonNode annArbor = campaign.path("joint").path("groups").get(1);
      assertThat(annArbor.path("phase").asText()).as(user).isEqualTo("NOT_TAKING_PART");
      assertThat(annArbor.path("phaseWords").asText()).isEqualTo("Not taking part");
      assertThat(annArbor.path("openSteps").asInt()).isZero();
      assertThat(campaign.path("joint").path("groupsTakingPart").asInt()).isEqualTo(1);
    }
  }

  private String name(String userId) {
    return LocalGroups.displayName(identityService.createUserQuery().userId(userId).singleResult());
  }

  private JsonNode campaign(String board) throws Exception {
    for (JsonNode c : json.readTree(board).path("campaigns")) {
      if (CANDIDATE.equals(c.path("candidateName").asText())) {
        return c;
      }
    }
    throw new AssertionError("no campaign of " + CANDIDATE + " in " + board);
  }

  private static JsonNode goal(JsonNode voterContact, String measure) {
    for (JsonNode goal : voterContact.path("goals")) {
      if (measure.equals(goal.path("measure").asText())) {
        return goal;
      }
    }
    throw new AssertionError("no goal " + measure + " in " + voterContact);
  }

  private static List<Long> values(JsonNode weeks, String field) {
    List<Long> values = new ArrayList<>();
    weeks.forEach(w -> values.add(w.path(field).asLong()));
    return values;
  }
}
