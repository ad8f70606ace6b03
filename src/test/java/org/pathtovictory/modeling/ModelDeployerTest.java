package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
