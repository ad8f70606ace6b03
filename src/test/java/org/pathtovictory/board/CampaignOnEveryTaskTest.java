package org.pathtovictory.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathtovictory.CampaignDriver.passCompliance;
import static org.pathtovictory.CampaignDriver.startEndorsement;
import static org.pathtovictory.endorsement.Intake.endorsementDaysBeforeElection;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;

/**
 * The campaign's candidate and race on every task for Tasklist's lists, as copies without history
 * of their own, while the engine keeps its full history of everything else.
 */
class CampaignOnEveryTaskTest extends ProcessTestSupport {

  private ProcessInstance started;

  /** The process tests share one engine; some count every open task of a kind. */
  @AfterEach
  void removeTheCampaign() {
    if (started != null) {
      processEngine.getRuntimeService().deleteProcessInstance(started.getId(), "test done");
    }
  }

  @Test
  void everyTaskCarriesCandidateAndRaceWithoutHistoryOfTheCopies() {
    // Given a campaign waiting at the national team's tasks
    ProcessInstance pi = startEndorsement(endorsementDaysBeforeElection(120));
    started = pi;
    passCompliance(pi);
    TaskService tasks = processEngine.getTaskService();
    Task task =
        tasks
            .createTaskQuery()
            .processInstanceId(pi.getId())
            .taskDefinitionKey("Task_SendCampaignCheck")
            .singleResult();
    // Then the task carries the campaign's candidate and race under the labels' names
    assertThat(tasks.getVariablesLocal(task.getId()))
        .containsEntry("campaignCandidate", "Josh Riley")
        .containsEntry("campaignRace", "NY-24");
    // and the copies have no history, while the variables they copy have theirs, with details
    HistoryService history = processEngine.getHistoryService();
    assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .variableNameIn("campaignCandidate", "campaignRace")
                .count())
        .isZero();
    assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId())
                .variableName("candidateName")
                .count())
        .isOne();
    assertThat(
            history
                .createHistoricDetailQuery()
                .processInstanceId(pi.getId())
                .variableUpdates()
                .count())
        .isPositive();
    // When the task is completed, its copies leave no history either
    tasks.complete(
        task.getId(),
        java.util.Map.of("checkReference", "Check 1042", "checkSentDate", "2026-06-02"));
    assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .variableNameIn("campaignCandidate", "campaignRace")
                .count())
        .isZero();
  }

  @Test
  void historyStaysCamundasFullLevel() {
    HistoryLevel level =
        ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
            .getHistoryLevel();
    // the level the database recorded (id 3, "full"), and equal to it where the engine asks
    assertThat(level).isInstanceOf(CampaignOnEveryTask.FullWithoutLabels.class);
    assertThat(level.getId()).isEqualTo(HistoryLevel.HISTORY_LEVEL_FULL.getId());
    assertThat(level.getName()).isEqualTo("full");
    assertThat(level).isEqualTo(HistoryLevel.HISTORY_LEVEL_FULL);
  }
}
