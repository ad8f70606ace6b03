package org.pathtovictory.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.PathToVictoryApplication;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.WebTestSupport;
import org.pathtovictory.identity.Viewer;
import org.pathtovictory.identity.Viewers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The board's read model ({@link CampaignRows}): each kind of change the engine makes to a campaign
 * shows on the board at once, a missing row is built again from the engine, and a second
 * application on the same database sees a change within two seconds.
 */
class BoardReadModelTest extends WebTestSupport {

  @Autowired RuntimeService runtimeService;
  @Autowired CampaignBoard board;
  @Autowired CampaignRows rows;
  @Autowired Viewers viewers;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  private Viewer lead;

  @BeforeEach
  void today() {
    BoardCampaigns.setToday(BoardCampaigns.TODAY);
    BpmnAwareTests.init(processEngine);
    lead = viewers.of("ithaca-lead").orElseThrow();
  }

  @AfterEach
  void removeCampaigns() {
    ClockUtil.reset();
    for (var instance : runtimeService.createProcessInstanceQuery().rootProcessInstances().list()) {
      runtimeService.deleteProcessInstance(instance.getId(), "test done", true, true, true);
    }
  }

  @Test
  void aTaskCreatedAndThenCompletedShowsAndLeaves() {
    ProcessInstance pi = inVoterContact("Board Model Tasks");
    assertThat(stepsOf(pi)).doesNotContain("Task_ReportVoterContact");
    // the week passes: the weekly report is asked for
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(7));
    execute(job("TimerEvent_WeekPassed", pi));
    assertThat(stepsOf(pi)).contains("Task_ReportVoterContact");
    BoardCampaigns.completeReport(pi, 300, 100, 200, 1);
    assertThat(stepsOf(pi)).doesNotContain("Task_ReportVoterContact");
  }

  @Test
  void aPhaseChangeShows() {
    var intake =
        org.pathtovictory.endorsement.Intake.with(
            org.pathtovictory.endorsement.Intake.endorsementDaysBeforeElection(28),
            "leadGroup",
            ProcessTestSupport.ITHACA);
    intake = org.pathtovictory.endorsement.Intake.with(intake, "candidateName", "Board Phases");
    ProcessInstance pi = org.pathtovictory.CampaignDriver.startEndorsement(intake);
    assertThat(campaign(pi).orElseThrow().phase()).isNotEqualTo(Phase.VOTER_CONTACT);
    BoardCampaigns.toVoterContact(pi);
    assertThat(campaign(pi).orElseThrow().phase()).isEqualTo(Phase.VOTER_CONTACT);
  }

  @Test
  void reportNumbersShow() {
    ProcessInstance pi = inVoterContact("Board Model Reports");
    assertThat(campaign(pi).orElseThrow().voterContact().weeks()).isEmpty();
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(7));
    BoardCampaigns.report(pi, 450, 120, 300, 2);
    var weeks = campaign(pi).orElseThrow().voterContact().weeks();
    assertThat(weeks).hasSize(1);
    assertThat(weeks.get(0).doors()).isEqualTo(450);
    assertThat(weeks.get(0).letters()).isEqualTo(2);
  }

  @Test
  void anEndedCampaignLeavesTheBoard() {
    ProcessInstance pi = inVoterContact("Board Model Ended");
    assertThat(campaign(pi)).isPresent();
    runtimeService.deleteProcessInstance(pi.getId(), "the group withdrew its endorsement");
    assertThat(campaign(pi)).isEmpty();
    assertThat(
            jdbc.queryForObject(
                "select ended from ptv_board_campaign where id = ?", Boolean.class, pi.getId()))
        .isTrue();
  }

  @Test
  void aMissingRowIsBuiltAgainFromTheEngine() {
    ProcessInstance pi = inVoterContact("Board Model Missing");
    jdbc.update("delete from ptv_board_campaign where id = ?", pi.getId());
    rows.buildMissing();
    String facts =
        jdbc.queryForObject(
            "select facts from ptv_board_campaign where id = ? and ended = false",
            String.class,
            pi.getId());
    assertThat(facts).contains("Board Model Missing").contains("SubProcess_VoterContact");
    assertThat(campaign(pi).orElseThrow().phase()).isEqualTo(Phase.VOTER_CONTACT);
  }

  @Test
  void aSecondNodeBuildsAnEmptyReadModelAndSeesAChangeWithinTwoSeconds() throws Exception {
    ProcessInstance pi = inVoterContact("Board Model Two Nodes");
    // an existing database whose read model is empty (as after the upgrade that brings it)
    jdbc.update("delete from ptv_board_campaign");
    String url = dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
    try (var second =
        new SpringApplicationBuilder(PathToVictoryApplication.class)
            .run(
                "--spring.profiles.active=test,demo",
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--pathtovictory.node-name=second")) {
      CampaignBoard secondBoard = second.getBean(CampaignBoard.class);
      Viewer leadThere = second.getBean(Viewers.class).of("ithaca-lead").orElseThrow();
      assertThat(goalOf(secondBoard, leadThere, pi)).isEqualTo(5000L);
      // the group raises its doors goal on the first node
      runtimeService.setVariable(pi.getId(), "voterContactGoalDoors", 7000L);
      // the second node's board shows it within two seconds of the commit
      await()
          .atMost(Duration.ofSeconds(2))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> Long.valueOf(7000L).equals(goalOf(secondBoard, leadThere, pi)));
    }
  }

  private ProcessInstance inVoterContact(String candidate) {
    return BoardCampaigns.inVoterContact(
        processEngine, ProcessTestSupport.ITHACA, candidate, "NY-24");
  }

  private Optional<CampaignView> campaign(ProcessInstance pi) {
    return board.campaign(lead, pi.getId());
  }

  private List<String> stepsOf(ProcessInstance pi) {
    return campaign(pi).orElseThrow().nextSteps().stream()
        .map(CampaignView.Step::elementId)
        .toList();
  }

  private static Long goalOf(CampaignBoard on, Viewer viewer, ProcessInstance pi) {
    return on.campaign(viewer, pi.getId())
        .map(c -> c.voterContact().goals().get(0).goal())
        .orElse(null);
  }
}
