package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class ModelDeployerTest {

  @Autowired ModelDeployer modelDeployer;
  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;

  @Test
  void everyModelAndFormIsDeployedUnderItsFileName() throws Exception {
    var deployment =
        repositoryService
            .createDeploymentQuery()
            .deploymentName(ModelDeployer.DEPLOYMENT_NAME)
            .orderByDeploymentTime()
            .desc()
            .list()
            .get(0);
    try (Stream<Path> processes = Files.list(Path.of("processes"));
        Stream<Path> forms = Files.list(Path.of("forms"))) {
      var files =
          Stream.concat(processes, forms)
              .map(path -> path.getFileName().toString())
              .filter(name -> name.matches(".*\\.(bpmn|dmn|form)"))
              .toList();
      assertThat(repositoryService.getDeploymentResourceNames(deployment.getId()))
          .containsExactlyInAnyOrderElementsOf(files);
    }
  }

  @Test
  void aRefusedModelStopsTheStartUpWithItsProblemsListed() {
    long before = repositoryService.createDeploymentQuery().count();
    // what start-up does, with a model the check refuses among the files
    var refused =
        catchThrowableOfType(
            DeploymentRefusedException.class,
            () ->
                new ModelDeployer(List.of("classpath*:modeling/refused/*.bpmn"))
                    .postProcessEngineBuild(processEngine));
    assertThat(refused.getMessage())
        .contains("refused-at-start-up.bpmn · Task_Plan (Plan): has no form")
        .contains("refused-at-start-up.bpmn · Task_Plan (Plan): has no role")
        .contains("refused-at-start-up.bpmn · Task_Plan (Plan): has no due date")
        .contains("refused-at-start-up.bpmn · Task_Script (Run a script): runs a script");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    assertThat(
            repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey("refused-at-start-up")
                .count())
        .isZero();
  }

  @Test
  void anUnchangedSetIsNotDeployedAgain() {
    long before =
        repositoryService
            .createDeploymentQuery()
            .deploymentName(ModelDeployer.DEPLOYMENT_NAME)
            .count();
    // what a restart does
    modelDeployer.postProcessEngineBuild(processEngine);
    assertThat(
            repositoryService
                .createDeploymentQuery()
                .deploymentName(ModelDeployer.DEPLOYMENT_NAME)
                .count())
        .isEqualTo(before);
    assertThat(
            repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey("post-endorsement")
                .latestVersion()
                .singleResult()
                .getVersion())
        .isEqualTo(1);
  }
}
