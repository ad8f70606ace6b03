package org.pathtovictory.modeling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every model in {@code processes/} and every form in {@code forms/} as one deployment,
 * each resource named by its file name alone. The starter's own auto-deployment is off: it names
 * resources by absolute path and does not pick up {@code .form} files. An unchanged set is not
 * redeployed (duplicate filtering compares with the last deployment of the same name). The
 * deployment check ({@link DeploymentCheck}) runs on it as on every deployment: a refused model
 * stops the start-up with its problems listed.
 */
@Component
class ModelDeployer extends AbstractProcessEnginePlugin {

  static final String DEPLOYMENT_NAME = "path-to-victory";

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);
  private static final List<String> LOCATIONS =
      List.of(
          "classpath*:processes/*.bpmn", "classpath*:processes/*.dmn", "classpath*:forms/*.form");

  private final PathMatchingResourcePatternResolver resolver =
      new PathMatchingResourcePatternResolver();
  private final List<String> locations;

  ModelDeployer() {
    this(LOCATIONS);
  }

  /** Deploys from other locations (tests). */
  ModelDeployer(List<String> locations) {
    this.locations = locations;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    DeploymentBuilder builder =
        processEngine
            .getRepositoryService()
            .createDeployment()
            .name(DEPLOYMENT_NAME)
            .source(DEPLOYMENT_NAME)
            .enableDuplicateFiltering(false);
    models().forEach(resource -> addResource(builder, resource));
    Deployment deployment;
    try {
      deployment = builder.deploy();
    } catch (DeploymentRefusedException refused) {
      // start-up stops here: the application never runs models the check refused
      LOG.error("The models in processes/ and forms/ were refused. {}", refused.getMessage());
      throw refused;
    }
    LOG.info(
        "Models deployed as '{}' ({}): {}",
        DEPLOYMENT_NAME,
        deployment.getId(),
        builder.getResourceNames());
  }

  private Stream<Resource> models() {
    return locations.stream()
        .flatMap(this::resources)
        .sorted(Comparator.comparing(Resource::getFilename));
  }

  private Stream<Resource> resources(String pattern) {
    try {
      return Arrays.stream(resolver.getResources(pattern));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list models at " + pattern, e);
    }
  }

  private static void addResource(DeploymentBuilder builder, Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      builder.addInputStream(resource.getFilename(), in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model " + resource.getFilename(), e);
    }
  }
}
