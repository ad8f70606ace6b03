package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The local editing loop of the demo profile, watching a temporary copy of the project's {@code
 * processes/} and {@code forms/} folders: a saved change is deployed within seconds, only what
 * changed; a broken file is refused and logged, and the running version stays.
 */
@SpringBootTest(
    properties = {"spring.profiles.active=test,demo", "pathtovictory.model-watch.enabled=true"})
class ModelFolderWatcherTest {

  static final Path PROJECT = copyOfTheModelFolders();

  @DynamicPropertySource
  static void watchTheCopy(DynamicPropertyRegistry registry) {
    registry.add("pathtovictory.model-watch.folder", PROJECT::toString);
  }

  @Autowired ProcessEngine processEngine;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void listenToTheWatcher() {
    log.start();
    ((Logger) LoggerFactory.getLogger(ModelFolderWatcher.class)).addAppender(log);
  }

  @AfterEach
  void stopListening() {
    ((Logger) LoggerFactory.getLogger(ModelFolderWatcher.class)).detachAppender(log);
  }

  @Test
  void savedChangeIsDeployedWithinSecondsAndBrokenFileIsRefused() throws Exception {
    // Given the application running with the shipped models
    ProcessDefinition running = newest();
    Path model = PROJECT.resolve("processes/post-endorsement.bpmn");
    String saved = Files.readString(model);

    // When an organizer renames a task and saves
    Files.writeString(
        model, saved.replace("name=\"Show off the swag\"", "name=\"Show off the swag at events\""));

    // Then within seconds a new version is the newest, deployed alone
    waitFor(() -> newest().getVersion() > running.getVersion());
    ProcessDefinition changed = newest();
    UserTask swag =
        processEngine
            .getRepositoryService()
            .getBpmnModelInstance(changed.getId())
            .getModelElementById("Task_ShowOffSwag");
    assertThat(swag.getName()).isEqualTo("Show off the swag at events");
    assertThat(
            processEngine
                .getRepositoryService()
                .getDeploymentResourceNames(changed.getDeploymentId()))
        .containsExactly("post-endorsement.bpmn");
    // and an unchanged form saved again deploys nothing
    long deployments = processEngine.getRepositoryService().createDeploymentQuery().count();
    Path form = PROJECT.resolve("forms/show-off-swag.form");
    Files.writeString(form, Files.readString(form));
    waitFor(() -> logged("nothing changed"));
    assertThat(processEngine.getRepositoryService().createDeploymentQuery().count())
        .isEqualTo(deployments);

    // When a broken file is saved
    Files.writeString(model, saved.substring(0, saved.length() / 2));

    // Then it is refused and logged, and the running version stays the newest
    waitFor(() -> logged("refused"));
    String refusal =
        log.list.stream()
            .map(ILoggingEvent::getFormattedMessage)
            .filter(m -> m.contains("refused"))
            .findFirst()
            .orElseThrow();
    assertThat(refusal).contains("post-endorsement.bpmn").contains("the running version stays");
    assertThat(newest().getId()).isEqualTo(changed.getId());
  }

  private boolean logged(String text) {
    return log.list.stream().anyMatch(e -> e.getFormattedMessage().contains(text));
  }

  private ProcessDefinition newest() {
    return processEngine
        .getRepositoryService()
        .createProcessDefinitionQuery()
        .processDefinitionKey("post-endorsement")
        .latestVersion()
        .singleResult();
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 15 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static Path copyOfTheModelFolders() {
    try {
      Path project = Files.createTempDirectory("ptv-model-watch");
      for (String folder : new String[] {"processes", "forms"}) {
        Path target = Files.createDirectories(project.resolve(folder));
        try (Stream<Path> files = Files.list(Path.of(folder))) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            Files.write(
                target.resolve(file.getFileName()),
                Files.readString(file, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
          }
        }
      }
      return project;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
