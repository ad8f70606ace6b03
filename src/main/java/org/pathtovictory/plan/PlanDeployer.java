package org.pathtovictory.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.pathtovictory.identity.Viewer;
import org.pathtovictory.modeling.DeploymentFacts;
import org.pathtovictory.modeling.DeploymentRefusedException;
import org.pathtovictory.modeling.LocatedProblem;
import org.pathtovictory.modeling.ModelCheckWithoutDeploying;
import org.pathtovictory.web.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Checks and deploys what the editor sends. The deploy goes through the engine's {@link
 * RepositoryService} as the signed-in user: the same deployment check, authorization and operation
 * log as a deploy from Camunda Modeler; the organizer's one line becomes the deployment's name. It
 * goes to the local group (tenant) of the version the editor opened, shared when that was shared,
 * and is refused while a newer version exists than the one opened, unless forced.
 */
@Component
class PlanDeployer {

  static final int DESCRIPTION_LENGTH = 200;

  /** What the deploy answers. */
  record Deployed(String deploymentId, String key, int version) {}

  /** The model the files are about: the process (else decision, else form) and its key. */
  record Target(String kind, String key, String tenantId) {}

  private final RepositoryService repository;
  private final ModelCheckWithoutDeploying check;
  private final PlanModels models;
  private final PlanSession session;
  private final PlanFormat format;
  private final ObjectMapper json = new ObjectMapper();

  PlanDeployer(
      ProcessEngine engine,
      ModelCheckWithoutDeploying check,
      PlanModels models,
      PlanSession session,
      PlanFormat format) {
    this.repository = engine.getRepositoryService();
    this.check = check;
    this.models = models;
    this.session = session;
    this.format = format;
  }

  List<LocatedProblem> check(Map<String, byte[]> resources, Integer basedOnVersion) {
    return check.check(resources, target(resources, basedOnVersion).tenantId());
  }

  Deployed deploy(
      Viewer viewer,
      Map<String, byte[]> resources,
      String description,
      Integer basedOnVersion,
      boolean force) {
    String line = description(description);
    Target target = target(resources, basedOnVersion);
    Optional<PlanModels.Model> newest = newest(target);
    if (!force
        && basedOnVersion != null
        && newest.isPresent()
        && newest.get().version() > basedOnVersion) {
      PlanModels.Model newer = newest.get();
      throw new PlanRefusal(
          409,
          "Version %d was deployed by %s at %s since you opened version %d. Compare the versions first, or choose “Deploy anyway” to make yours the newest."
              .formatted(
                  newer.version(),
                  newer.deployedBy(),
                  format.when(newer.deployedAt()),
                  basedOnVersion),
          Map.of("newerVersion", newer.version()));
    }
    DeploymentBuilder builder =
        repository
            .createDeployment()
            .name(line)
            .source(DeploymentFacts.PLAN_EDITOR_SOURCE)
            .tenantId(target.tenantId());
    resources.forEach(
        (name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
    Deployment deployment;
    try {
      deployment = session.as(viewer, builder::deploy);
    } catch (RuntimeException refused) {
      DeploymentRefusedException problems = refusal(refused);
      if (problems == null) {
        throw refused;
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("problems", LocatedProblem.locate(problems.getProblems(), resources));
      throw new PlanRefusal(400, problems.getMessage(), details);
    }
    int version =
        newest(target)
            .filter(m -> m.deploymentId().equals(deployment.getId()))
            .map(PlanModels.Model::version)
            .orElseThrow(() -> new IllegalStateException("deployed without " + target.key()));
    return new Deployed(deployment.getId(), target.key(), version);
  }

  /** Required, one line, at most 200 characters. */
  static String description(String description) {
    if (description == null || description.isBlank()) {
      throw new InvalidInputException(
          "description", "say in one line what you changed, e.g. “Added a training step”");
    }
    if (description.contains("\n") || description.contains("\r")) {
      throw new InvalidInputException(
          "description", "must be one line: say in a sentence what you changed");
    }
    String line = description.strip();
    if (line.length() > DESCRIPTION_LENGTH) {
      throw new InvalidInputException(
          "description",
          "is " + line.length() + " characters long; keep it to " + DESCRIPTION_LENGTH);
    }
    return line;
  }

  /**
   * The process of the first BPMN file (else the decision of the first DMN file, else the first
   * form) and the tenant of its opened version. A file that cannot be read names no key; the check
   * then says what is wrong with it.
   */
  Target target(Map<String, byte[]> resources, Integer basedOnVersion) {
    List<String> order = List.of("process", "decision", "form");
    Target target =
        resources.entrySet().stream()
            .map(file -> keyOf(file.getKey(), file.getValue()))
            .filter(java.util.Objects::nonNull)
            .min(java.util.Comparator.comparing(found -> order.indexOf(found.kind())))
            .orElse(null);
    if (target == null || basedOnVersion == null) {
      return target == null ? new Target("none", null, null) : target;
    }
    List<String> tenants =
        switch (target.kind()) {
          case "process" ->
              repository
                  .createProcessDefinitionQuery()
                  .processDefinitionKey(target.key())
                  .processDefinitionVersion(basedOnVersion)
                  .list()
                  .stream()
                  .map(d -> d.getTenantId())
                  .toList();
          case "decision" ->
              repository
                  .createDecisionDefinitionQuery()
                  .decisionDefinitionKey(target.key())
                  .decisionDefinitionVersion(basedOnVersion)
                  .list()
                  .stream()
                  .map(d -> d.getTenantId())
                  .toList();
          default -> models.form(target.key()).stream().map(PlanModels.Model::tenantId).toList();
        };
    // shared when the opened version was shared (or is gone), else its local group's
    String tenantId = tenants.isEmpty() || tenants.contains(null) ? null : tenants.get(0);
    return new Target(target.kind(), target.key(), tenantId);
  }

  private Target keyOf(String name, byte[] bytes) {
    try {
      if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
        var processes =
            Bpmn.readModelFromStream(new ByteArrayInputStream(bytes))
                .getModelElementsByType(Process.class);
        return processes.stream()
            .filter(Process::isExecutable)
            .findFirst()
            .or(() -> processes.stream().findFirst())
            .map(p -> new Target("process", p.getId(), null))
            .orElse(null);
      }
      if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
        return Dmn.readModelFromStream(new ByteArrayInputStream(bytes))
            .getModelElementsByType(Decision.class)
            .stream()
            .findFirst()
            .map(d -> new Target("decision", d.getId(), null))
            .orElse(null);
      }
      String id = json.readTree(bytes).path("id").asText("");
      return id.isBlank() ? null : new Target("form", id, null);
    } catch (Exception unreadable) {
      return null; // the check names what is wrong with the file
    }
  }

  private Optional<PlanModels.Model> newest(Target target) {
    if (target.key() == null) {
      return Optional.empty();
    }
    Optional<PlanModels.Model> newest =
        switch (target.kind()) {
          case "process" -> models.process(target.key(), target.tenantId());
          case "decision" -> models.decision(target.key(), target.tenantId());
          default -> models.form(target.key(), target.tenantId());
        };
    return newest;
  }

  private static DeploymentRefusedException refusal(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof DeploymentRefusedException refused) {
        return refused;
      }
    }
    return null;
  }
}
