package org.pathtovictory.modeling;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The local editing loop of the demo profile: a model or form saved in the project's {@code
 * processes/} or {@code forms/} folder while the application runs is deployed within a second or
 * two, through the engine's normal deployment (so every deployment check applies). Only the saved
 * files are deployed, and of those only what differs from the deployed version (Camunda's duplicate
 * filtering, under the same deployment name and source as the start-up deployment). A refused
 * change is logged with the engine's reasons; the running version stays.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(
    prefix = "pathtovictory.model-watch",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
class ModelFolderWatcher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ModelFolderWatcher.class);
  private static final List<String> FOLDERS = List.of("processes", "forms");
  private static final List<String> ENDINGS = List.of(".bpmn", ".dmn", ".form");

  private final RepositoryService repositoryService;
  private final ModelWatchProperties properties;
  private volatile WatchService watchService;
  private volatile Thread thread;

  ModelFolderWatcher(RepositoryService repositoryService, ModelWatchProperties properties) {
    this.repositoryService = repositoryService;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    try {
      WatchService service = newWatchService();
      if (service == null) {
        return;
      }
      watchService = service;
      thread = new Thread(this::watch, "model-folder-watcher");
      thread.setDaemon(true);
      thread.start();
    } catch (IOException e) {
      LOG.warn("Cannot watch the model folders under {}: {}", properties.folder(), e.getMessage());
    }
  }

  private WatchService newWatchService() throws IOException {
    WatchService service = null;
    for (String name : FOLDERS) {
      Path folder = properties.folder().resolve(name).toAbsolutePath().normalize();
      if (Files.isDirectory(folder)) {
        if (service == null) {
          service = folder.getFileSystem().newWatchService();
        }
        folder.register(service, ENTRY_CREATE, ENTRY_MODIFY);
        LOG.info("Saved changes in {} are deployed while the application runs", folder);
      }
    }
    return service;
  }

  private void watch() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Map<String, Path> saved = new TreeMap<>();
        collect(watchService.take(), saved);
        // wait until the editor has finished writing: no event for the debounce time
        WatchKey next;
        while ((next = watchService.poll(properties.debounce().toMillis(), TimeUnit.MILLISECONDS))
            != null) {
          collect(next, saved);
        }
        if (!saved.isEmpty()) {
          deploy(saved);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  private static void collect(WatchKey key, Map<String, Path> saved) {
    Path folder = (Path) key.watchable();
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.context() instanceof Path file) {
        String name = file.getFileName().toString();
        if (ENDINGS.stream().anyMatch(name::endsWith)) {
          saved.put(name, folder.resolve(file));
        }
      }
    }
    key.reset();
  }

  /** Deploys the saved files that changed; a refusal leaves the running version as it was. */
  void deploy(Map<String, Path> saved) {
    DeploymentBuilder builder =
        repositoryService
            .createDeployment()
            .name(ModelDeployer.DEPLOYMENT_NAME)
            .source(ModelDeployer.DEPLOYMENT_NAME)
            .enableDuplicateFiltering(true);
    for (Map.Entry<String, Path> file : saved.entrySet()) {
      if (!Files.isRegularFile(file.getValue())) {
        continue;
      }
      try (InputStream in = Files.newInputStream(file.getValue())) {
        builder.addInputStream(file.getKey(), in);
      } catch (IOException e) {
        LOG.warn("Cannot read {}: {}", file.getValue(), e.getMessage());
      }
    }
    if (builder.getResourceNames().isEmpty()) {
      return;
    }
    try {
      long deploymentsBefore = repositoryService.createDeploymentQuery().count();
      DeploymentWithDefinitions deployment = builder.deployWithResult();
      if (repositoryService.createDeploymentQuery().count() == deploymentsBefore) {
        LOG.info("Saved {}: nothing changed, nothing deployed", builder.getResourceNames());
        return;
      }
      List<ProcessDefinition> processes = deployment.getDeployedProcessDefinitions();
      LOG.info(
          "Saved {}: deployed {} ({}){}",
          builder.getResourceNames(),
          repositoryService.getDeploymentResourceNames(deployment.getId()),
          deployment.getId(),
          processes == null || processes.isEmpty()
              ? ""
              : processes.stream()
                  .map(p -> ", " + p.getKey() + " version " + p.getVersion())
                  .reduce("", String::concat));
    } catch (RuntimeException refused) {
      LOG.warn(
          "Saved {}: refused, the running version stays. {}",
          builder.getResourceNames(),
          refused.getMessage());
    }
  }

  @Override
  public synchronized void stop() {
    Thread running = thread;
    thread = null;
    if (running != null) {
      running.interrupt();
    }
    WatchService service = watchService;
    watchService = null;
    if (service != null) {
      try {
        service.close();
      } catch (IOException ignored) {
        // closing on shutdown: nothing left to do
      }
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  /** After the engine and the start-up deployment, so the first save compares with them. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }
}
