package org.pathtovictory.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.WebTestSupport;
import org.pathtovictory.identity.Viewer;
import org.pathtovictory.identity.Viewers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /api/board} and the voter-contact export, over HTTP with the demo users: what a lead, a
 * volunteer of another group and an organizer each see of two running campaigns.
 */
class CampaignBoardApiTest extends WebTestSupport {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  private final ObjectMapper json = new ObjectMapper();
  private ProcessInstance ithaca;
  private ProcessInstance annArbor;

  @BeforeEach
  void twoGroupsInVoterContactWithReports() {
    BoardCampaigns.setToday(BoardCampaigns.TODAY);
    ithaca =
        BoardCampaigns.inVoterContact(
            processEngine, ProcessTestSupport.ITHACA, "Board Ithaca Candidate", "NY-24");
    annArbor =
        BoardCampaigns.inVoterContact(
            processEngine, ProcessTestSupport.ANN_ARBOR, "Board Ann Arbor Candidate", "MI-06");
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(7));
    BoardCampaigns.report(ithaca, 400, 120, 300, 1);
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(14));
    BoardCampaigns.report(ithaca, 600, 180, 500, 2);
  }

  @AfterEach
  void removeCampaigns() {
    ClockUtil.reset();
    for (var instance : runtimeService.createProcessInstanceQuery().rootProcessInstances().list()) {
      runtimeService.deleteProcessInstance(instance.getId(), "test done", true, true, true);
    }
  }

  @Test
  void leadSeesOwnGroupsCampaignWithWeeksGoalsAndPace() throws Exception {
    var response = get("/api/board", "ithaca-lead");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode board = json.readTree(response.body());
    assertThat(candidates(board)).contains("Board Ithaca Candidate");
    assertThat(candidates(board)).doesNotContain("Board Ann Arbor Candidate");
    JsonNode campaign = campaign(board, "Board Ithaca Candidate");
    assertThat(campaign.path("phase").asText()).isEqualTo("VOTER_CONTACT");
    assertThat(campaign.path("phaseWords").asText()).isEqualTo("Start talking to voters");
    assertThat(campaign.path("track").asText()).isEqualTo("GOTV_ONLY");
    assertThat(campaign.path("state").asText()).isEqualTo("NY");
    // today is 14 days after the endorsement, election day 28 days after it
    assertThat(campaign.path("daysToElection").asLong()).isEqualTo(14);
    assertThat(campaign.path("compliance").path("status").asText()).isEqualTo("CLEARED");
    JsonNode weeks = campaign.path("voterContact").path("weeks");
    assertThat(values(weeks, "doors")).containsExactly(400L, 600L);
    assertThat(values(weeks, "calls")).containsExactly(120L, 180L);
    assertThat(values(weeks, "texts")).containsExactly(300L, 500L);
    assertThat(values(weeks, "letters")).containsExactly(1L, 2L);
    assertThat(values(weeks, "doorsSoFar")).containsExactly(400L, 1000L);
    JsonNode doors = campaign.path("voterContact").path("goals").get(0);
    assertThat(doors.path("measure").asText()).isEqualTo("doors");
    assertThat(doors.path("goal").asLong()).isEqualTo(5000);
    assertThat(doors.path("done").asLong()).isEqualTo(1000);
    assertThat(doors.path("percent").asInt()).isEqualTo(20);
    // 4,000 doors left over the 2 weeks to election day
    assertThat(doors.path("weeksLeft").asLong()).isEqualTo(2);
    assertThat(doors.path("weeklyPaceNeeded").asLong()).isEqualTo(2000);
    assertThat(doors.path("onPace").asBoolean()).isFalse();
    // the next steps say who holds them: the named canvass lead holds canvassing
    assertThat(campaign.path("nextSteps").findValuesAsText("heldBy")).isNotEmpty();
    assertThat(board.path("national").asBoolean()).isFalse();
  }

  @Autowired CampaignBoard campaignBoard;
  @Autowired Viewers viewers;

  @Test
  void keepsWhatItReadUntilTheEngineChangesAndThenShowsTheChange() throws Exception {
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(21));
    Viewer lead = viewers.of("ithaca-lead").orElseThrow();
    List<CampaignView> first = campaignBoard.campaigns(lead);
    // nothing changed: the same reading, not a new one
    assertThat(campaignBoard.campaigns(lead)).isSameAs(first);
    // the group raises its doors goal (the engine clock stands still): the next reading shows it
    runtimeService.setVariable(ithaca.getId(), "voterContactGoalDoors", 8000L);
    JsonNode board = json.readTree(get("/api/board", "ithaca-lead").body());
    JsonNode doors =
        campaign(board, "Board Ithaca Candidate").path("voterContact").path("goals").get(0);
    assertThat(doors.path("measure").asText()).isEqualTo("doors");
    assertThat(doors.path("goal").asLong()).isEqualTo(8000);
    // and moving the engine clock (days to election day) reads again too
    List<CampaignView> afterReport = campaignBoard.campaigns(lead);
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(22));
    assertThat(campaignBoard.campaigns(lead)).isNotSameAs(afterReport);
  }

  @Test
  void aVolunteerOfAnotherGroupSeesNeitherTheCampaignNorItsExport() throws Exception {
    JsonNode board = json.readTree(get("/api/board", "a2-canvass").body());
    assertThat(candidates(board)).contains("Board Ann Arbor Candidate");
    assertThat(candidates(board)).doesNotContain("Board Ithaca Candidate");
    var export = get("/api/board/campaigns/" + ithaca.getId() + "/voter-contact.csv", "a2-lead");
    assertThat(export.statusCode()).isEqualTo(404);
    assertThat(export.body()).contains("No campaign").doesNotContain("Exception");
  }

  @Test
  void organizerSeesEveryGroupAndFiltersToNeedsAttention() throws Exception {
    JsonNode all = json.readTree(get("/api/board", "organizer").body());
    assertThat(candidates(all)).contains("Board Ithaca Candidate", "Board Ann Arbor Candidate");
    assertThat(all.path("national").asBoolean()).isTrue();
    assertThat(all.path("nationalPackage").path("steps").asInt()).isGreaterThanOrEqualTo(10);
    // Ann Arbor's canvassing slips past its due date
    var canvassing =
        taskService
            .createTaskQuery()
            .processInstanceId(annArbor.getId())
            .taskDefinitionKey("Task_OrganizeCanvassing")
            .singleResult();
    canvassing.setDueDate(
        java.util.Date.from(ClockUtil.getCurrentTime().toInstant().minusSeconds(86_400)));
    taskService.saveTask(canvassing);
    JsonNode attention =
        json.readTree(get("/api/board?attention=true&state=MI", "organizer").body());
    assertThat(candidates(attention)).containsExactly("Board Ann Arbor Candidate");
    assertThat(campaign(attention, "Board Ann Arbor Candidate").path("needsAttention").toString())
        .contains("overdue");
    JsonNode ny =
        json.readTree(
            get("/api/board?state=NY&phase=VOTER_CONTACT&track=GOTV_ONLY", "organizer").body());
    assertThat(candidates(ny))
        .contains("Board Ithaca Candidate")
        .doesNotContain("Board Ann Arbor Candidate");
  }

  @Test
  void noReportForTwoWeeksNeedsAttention() throws Exception {
    // Ann Arbor has been in voter contact for 14 days without a report
    JsonNode board = json.readTree(get("/api/board?attention=true", "organizer").body());
    assertThat(campaign(board, "Board Ann Arbor Candidate").path("needsAttention").toString())
        .contains("no voter-contact report for two weeks");
    // Ithaca reported today
    JsonNode all = json.readTree(get("/api/board", "organizer").body());
    assertThat(campaign(all, "Board Ithaca Candidate").path("needsAttention").toString())
        .doesNotContain("no voter-contact report");
  }

  @Test
  void exportsTheReportsAsCsv() {
    var export =
        get("/api/board/campaigns/" + ithaca.getId() + "/voter-contact.csv", "ithaca-canvass");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<String> lines = export.body().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .isEqualTo(
            "candidate,race,week,reportedOn,reportedBy,doorsKnocked,conversations,calls,texts,lettersPublished,activeVolunteers");
    assertThat(lines.get(1))
        .startsWith("\"Board Ithaca Candidate\",NY-24,1,2026-06-08,")
        .contains(",400,100,120,300,1,12");
    assertThat(lines.get(2)).contains(",600,150,180,500,2,12");
  }

  @Test
  void refusesBadFiltersWithASentenceAndStrangersWith401() throws Exception {
    var bad = get("/api/board?phase=NOPE", "organizer");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json.readTree(bad.body()).path("message").asText())
        .startsWith("phase must be one of");
    var badState = get("/api/board?state=New%20York%3B", "organizer");
    assertThat(badState.statusCode()).isEqualTo(400);
    assertThat(badState.body()).contains("state must be a two-letter state code");
    assertThat(get("/api/board", null).statusCode()).isEqualTo(401);
  }

  @Test
  void pagesSendStrangersToTasklistsSignInAndBack() {
    for (String path : List.of("/board", "/me", "/board/campaigns/x/voter-contact.csv")) {
      var response = get(path, null);
      assertThat(response.statusCode()).as(path).isEqualTo(302);
      assertThat(response.headers().firstValue("Location").orElseThrow())
          .as(path)
          .startsWith("/camunda/app/tasklist/default/?returnTo=%2F")
          .endsWith("#/login");
    }
  }

  private static List<String> candidates(JsonNode board) {
    return board.path("campaigns").findValuesAsText("candidateName");
  }

  private static JsonNode campaign(JsonNode board, String candidate) {
    for (JsonNode c : board.path("campaigns")) {
      if (candidate.equals(c.path("candidateName").asText())) {
        return c;
      }
    }
    throw new AssertionError("no campaign of " + candidate + " in " + board);
  }

  private static List<Long> values(JsonNode weeks, String field) {
    List<Long> values = new ArrayList<>();
    weeks.forEach(w -> values.add(w.path(field).asLong()));
    return values;
  }
}
