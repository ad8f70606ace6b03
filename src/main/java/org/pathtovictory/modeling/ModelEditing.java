package org.pathtovictory.modeling;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.stereotype.Component;

/**
 * What the plan editor ({@code org.pathtovictory.plan}) calls here: the versions of a process with
 * the description given at deploy, and the changes, dry runs, migrations and rollbacks of {@link
 * ModelVersions}, the same code as {@code /api/models}. The caller has checked that the user is a
 * process editor and set them as the engine's authenticated user, so the operation log names them.
 * The answers are the JSON bodies of {@code /api/models}.
 */
@Component
public class ModelEditing {

  public record Version(
      int version,
      String definitionId,
      String deploymentId,
      Instant deployedAt,
      String deployedBy,
      String description,
      long runningCampaigns,
      boolean newest) {}

  public record Versions(String processKey, List<Version> versions) {}

  private final ModelVersions versions;
  private final ProcessEngine engine;

  ModelEditing(ModelVersions versions, ProcessEngine engine) {
    this.versions = versions;
    this.engine = engine;
  }

  /** Every version, newest first. */
  public Versions versions(String processKey) {
    ModelVersions.Versions all = versions.versions(processKey);
    return new Versions(
        all.processKey(),
        all.versions().stream()
            .map(
                v ->
                    new Version(
                        v.version(),
                        v.processDefinitionId(),
                        v.deploymentId(),
                        v.deployedAt(),
                        v.deployedBy(),
                        description(v.deploymentId()),
                        v.runningInstances(),
                        v.newest()))
            .toList());
  }

  public Object changes(String processKey, Integer from, Integer to) {
    return versions.changes(processKey, from, to);
  }

  /** The dry run; mappings written {@code oldId:newId,otherOldId:otherNewId}. */
  public Object dryRun(String processKey, Integer from, Integer to, String mappings) {
    return versions.dryRun(processKey, from, to, ModelVersionsController.parse(mappings));
  }

  public Object migrate(String processKey, Integer from, Integer to, Map<String, String> mappings) {
    return versions.migrate(processKey, from, to, copy(mappings));
  }

  /**
   * The dry run of a rollback: the newest version's campaigns moving to the previous version, whose
   * BPMN the rollback deploys again.
   */
  public Object rollbackDryRun(String processKey, String mappings) {
    List<ModelVersions.Version> all = versions.versions(processKey).versions();
    if (all.size() < 2) {
      throw new org.pathtovictory.system.InvalidInputException(
          "processKey", processKey + " has only one version: there is nothing to go back to");
    }
    return versions.dryRun(
        processKey,
        all.get(0).version(),
        all.get(1).version(),
        ModelVersionsController.parse(mappings));
  }

  public Object rollback(String processKey, Map<String, String> mappings) {
    return versions.rollback(processKey, copy(mappings));
  }

  private String description(String deploymentId) {
    Deployment deployment =
        engine
            .getRepositoryService()
            .createDeploymentQuery()
            .deploymentId(deploymentId)
            .singleResult();
    return deployment == null ? null : DeploymentFacts.description(deployment);
  }

  private static Map<String, String> copy(Map<String, String> mappings) {
    return mappings == null ? Map.of() : new LinkedHashMap<>(mappings);
  }
}
