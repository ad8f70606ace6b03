package org.pathtovictory.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.pathtovictory.modeling.DeploymentFacts;
import org.springframework.stereotype.Component;

/**
 * The newest version of each process, decision and form the engine holds, with who deployed it,
 * when and why. A shared (tenant-less) definition is the plan's; a local group's own definition
 * counts where no shared one has the key.
 */
@Component
class PlanModels {

  /** The newest version of one model and its file. */
  record Model(
      String kind,
      String key,
      String name,
      int version,
      String definitionId,
      String tenantId,
      String deploymentId,
      String resourceName,
      String deployedBy,
      Instant deployedAt,
      String description) {}

  private final ProcessEngine engine;
  private final RepositoryService repository;
  private final ObjectMapper json = new ObjectMapper();

  PlanModels(ProcessEngine engine) {
    this.engine = engine;
    this.repository = engine.getRepositoryService();
  }

  List<Model> processes() {
    return newestPerKey(
        repository.createProcessDefinitionQuery().latestVersion().list().stream()
            .map(d -> model("process", d))
            .toList());
  }

  List<Model> decisions() {
    return newestPerKey(
        repository.createDecisionDefinitionQuery().latestVersion().list().stream()
            .map(d -> model("decision", d))
            .toList());
  }

  List<Model> forms() {
    List<CamundaFormDefinitionEntity> all =
        command(
            context ->
                context
                    .getDbEntityManager()
                    .<CamundaFormDefinitionEntity>selectList("selectAllCamundaFormDefinitions"));
    Map<String, String> tenants = new HashMap<>(); // deployment id to tenant, null for shared
    repository.createDeploymentQuery().list().forEach(d -> tenants.put(d.getId(), d.getTenantId()));
    Map<String, CamundaFormDefinitionEntity> newest = new LinkedHashMap<>();
    for (CamundaFormDefinitionEntity form : all) {
      newest.merge(
          form.getKey() + "\u0000" + tenants.get(form.getDeploymentId()),
          form,
          (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
    }
    return newestPerKey(newest.values().stream().map(f -> model("form", f)).toList());
  }

  /** The newest version, shared where there is a shared one. */
  Optional<Model> process(String key) {
    return valid(key)
        ? newestPerKey(
                repository
                    .createProcessDefinitionQuery()
                    .processDefinitionKey(key)
                    .latestVersion()
                    .list()
                    .stream()
                    .map(d -> model("process", d))
                    .toList())
            .stream()
            .findFirst()
        : none();
  }

  /** The newest version of the tenant's own (or, for null, the shared) definitions. */
  Optional<Model> process(String key, String tenantId) {
    if (!valid(key)) {
      return none();
    }
    var query = repository.createProcessDefinitionQuery().processDefinitionKey(key);
    query = tenantId == null ? query.withoutTenantId() : query.tenantIdIn(tenantId);
    return query.latestVersion().list().stream().findFirst().map(d -> model("process", d));
  }

  Optional<Model> decision(String key) {
    return valid(key)
        ? newestPerKey(
                repository
                    .createDecisionDefinitionQuery()
                    .decisionDefinitionKey(key)
                    .latestVersion()
                    .list()
                    .stream()
                    .map(d -> model("decision", d))
                    .toList())
            .stream()
            .findFirst()
        : none();
  }

  Optional<Model> decision(String key, String tenantId) {
    if (!valid(key)) {
      return none();
    }
    var query = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key);
    query = tenantId == null ? query.withoutTenantId() : query.tenantIdIn(tenantId);
    return query.latestVersion().list().stream().findFirst().map(d -> model("decision", d));
  }

  Optional<Model> form(String key) {
    if (!valid(key)) {
      return none();
    }
    CamundaFormDefinitionEntity form =
        command(
            context -> {
              var manager = context.getCamundaFormDefinitionManager();
              var shared = manager.findLatestDefinitionByKeyAndTenantId(key, null);
              return shared != null ? shared : manager.findLatestDefinitionByKey(key);
            });
    return Optional.ofNullable(form).map(f -> model("form", f));
  }

  Optional<Model> form(String key, String tenantId) {
    if (!valid(key)) {
      return none();
    }
    CamundaFormDefinitionEntity form =
        command(
            context ->
                context
                    .getCamundaFormDefinitionManager()
                    .findLatestDefinitionByKeyAndTenantId(key, tenantId));
    return Optional.ofNullable(form).map(f -> model("form", f));
  }

  /** The file of a model's version, as text. */
  String text(Model model) {
    return new String(bytes(model.deploymentId(), model.resourceName()), StandardCharsets.UTF_8);
  }

  JsonNode formSchema(Model form) {
    try {
      return json.readTree(bytes(form.deploymentId(), form.resourceName()));
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  /** The BPMN of one version of a process (shared first, as the version list shows them). */
  Optional<String> processXml(String key, int version) {
    if (!valid(key)) {
      return Optional.empty();
    }
    List<ProcessDefinition> definitions =
        repository
            .createProcessDefinitionQuery()
            .processDefinitionKey(key)
            .processDefinitionVersion(version)
            .list();
    return definitions.stream()
        .min(Comparator.comparing(d -> d.getTenantId() == null ? 0 : 1))
        .map(
            d ->
                new String(
                    bytes(d.getDeploymentId(), d.getResourceName()), StandardCharsets.UTF_8));
  }

  /** A form's name for lists: the heading its first text starts with, else its key. */
  String formName(Model form) {
    JsonNode schema = formSchema(form);
    for (JsonNode component : schema.path("components")) {
      if ("text".equals(component.path("type").asText())) {
        String first = component.path("text").asText("").split("\n", 2)[0].trim();
        if (first.startsWith("#")) {
          return first.replaceFirst("^#+\\s*", "");
        }
      }
    }
    return form.key();
  }

  private Model model(String kind, ResourceDefinition definition) {
    Deployment deployment =
        repository
            .createDeploymentQuery()
            .deploymentId(definition.getDeploymentId())
            .singleResult();
    return new Model(
        kind,
        definition.getKey(),
        name(kind, definition),
        definition.getVersion(),
        definition.getId(),
        tenantId(kind, definition, deployment),
        definition.getDeploymentId(),
        definition.getResourceName(),
        deployment == null
            ? null
            : DeploymentFacts.deployedBy(engine.getHistoryService(), deployment),
        deployment == null ? null : deployment.getDeploymentTime().toInstant(),
        deployment == null ? null : DeploymentFacts.description(deployment));
  }

  /**
   * A form definition's tenant is its deployment's. The engine reads a shared form definition back
   * with a tenant id that is not its own (CamundaFormDefinitionEntity has no no-argument
   * constructor, so MyBatis fills the constructor's tenant from another column and leaves the null
   * TENANT_ID_ unset): trusting it sent a changed shared form to a made-up tenant, as version 1.
   */
  private static String tenantId(
      String kind, ResourceDefinition definition, Deployment deployment) {
    if ("form".equals(kind)) {
      return deployment == null ? null : deployment.getTenantId();
    }
    return definition.getTenantId();
  }

  /** Camunda Forms have no name (the engine refuses to read one): their key stands in. */
  private static String name(String kind, ResourceDefinition definition) {
    String name = "form".equals(kind) ? null : definition.getName();
    return name == null || name.isBlank() ? definition.getKey() : name;
  }

  /** One model per key: the shared one where there is one. */
  private static List<Model> newestPerKey(List<Model> models) {
    Map<String, Model> byKey = new LinkedHashMap<>();
    models.stream()
        .sorted(
            Comparator.comparing(Model::key)
                .thenComparing(m -> m.tenantId() == null ? "" : m.tenantId()))
        .forEach(m -> byKey.putIfAbsent(m.key(), m));
    return new ArrayList<>(byKey.values());
  }

  private byte[] bytes(String deploymentId, String resourceName) {
    try (InputStream in = repository.getResourceAsStream(deploymentId, resourceName)) {
      return in.readAllBytes();
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  private <T> T command(org.camunda.bpm.engine.impl.interceptor.Command<T> work) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(work);
  }

  /** Keys as the engine writes them; anything else names no model. */
  static boolean valid(String key) {
    return key != null && key.matches("[A-Za-z_][A-Za-z0-9_.-]{0,254}");
  }

  private static <T> Optional<T> none() {
    return Optional.empty();
  }
}
