package org.pathtovictory.modeling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingTransitionInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.pathtovictory.system.InvalidInputException;
import org.pathtovictory.system.InvalidInputException.Problem;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Versions of a process, what changed between two of them, and moving running campaigns from one to
 * another (dry run, batch migration, rollback). Every check of a running campaign is Camunda's own
 * migration validation; nothing here guesses whether an instance can move.
 *
 * <p>The callers ({@link ModelVersionsController}) have checked that the user is a process editor.
 * The engine work then runs without the engine's per-resource authorization and tenant checks (a
 * process editor moves every group's campaigns, and Camunda has no grant for "migrate instances in
 * every tenant"), but still as the authenticated user, so the engine's user operation log names who
 * deployed or migrated.
 */
@Component
class ModelVersions {

  /** Deployments of a rollback carry this source; the user operation log names the user. */
  static final String ROLLBACK_SOURCE = "rollback";

  record Version(
      int version,
      String processDefinitionId,
      String deploymentId,
      Instant deployedAt,
      String deployedBy,
      long runningInstances,
      boolean newest) {}

  record Versions(String processKey, List<Version> versions) {}

  /** Where a token of a running campaign is. */
  record Token(String element, String name) {}

  /** Why a campaign cannot move: the element it waits at and Camunda's report, in words. */
  record Obstacle(String element, String name, String reason, List<String> engineReport) {}

  record InstanceCheck(
      String processInstanceId,
      String businessKey,
      String candidate,
      List<Token> at,
      boolean canMove,
      List<Obstacle> obstacles) {}

  record DryRun(
      String processKey,
      int from,
      int to,
      Map<String, String> mappings,
      int canMove,
      int cannotMove,
      String summary,
      List<InstanceCheck> instances) {}

  record Migration(
      String processKey,
      int from,
      int to,
      Map<String, String> mappings,
      int moving,
      int notMoving,
      String batchId,
      String summary,
      List<InstanceCheck> notMovingInstances) {}

  record Rollback(
      String processKey,
      int abandonedVersion,
      int restoredVersion,
      int newVersion,
      String deploymentId,
      String summary,
      Migration migration) {}

  private final ProcessEngine engine;
  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final TransactionTemplate trial;

  ModelVersions(ProcessEngine engine, PlatformTransactionManager transactionManager) {
    this.engine = engine;
    this.repository = engine.getRepositoryService();
    this.runtime = engine.getRuntimeService();
    this.trial = new TransactionTemplate(transactionManager);
  }

  Versions versions(String processKey) {
    return asEditor(
        () -> {
          List<ProcessDefinition> definitions = definitions(processKey);
          int newest = definitions.get(0).getVersion();
          List<Version> versions =
              definitions.stream()
                  .map(
                      definition -> {
                        Deployment deployment =
                            repository
                                .createDeploymentQuery()
                                .deploymentId(definition.getDeploymentId())
                                .singleResult();
                        return new Version(
                            definition.getVersion(),
                            definition.getId(),
                            definition.getDeploymentId(),
                            deployment.getDeploymentTime().toInstant(),
                            deployer(deployment),
                            runtime
                                .createProcessInstanceQuery()
                                .processDefinitionId(definition.getId())
                                .count(),
                            definition.getVersion() == newest);
                      })
                  .toList();
          return new Versions(processKey, versions);
        });
  }

  ModelChanges.Report changes(String processKey, Integer from, Integer to) {
    return asEditor(
        () -> {
          ProcessDefinition source = version(processKey, from, "from");
          ProcessDefinition target = version(processKey, to, "to");
          return ModelChanges.between(
              processKey,
              source.getVersion(),
              repository.getBpmnModelInstance(source.getId()),
              target.getVersion(),
              repository.getBpmnModelInstance(target.getId()));
        });
  }

  DryRun dryRun(String processKey, Integer from, Integer to, Map<String, String> mappings) {
    ProcessDefinition source = asEditor(() -> version(processKey, from, "from"));
    ProcessDefinition target = asEditor(() -> version(processKey, to, "to"));
    return dryRun(source, target, mappings);
  }

  Migration migrate(String processKey, Integer from, Integer to, Map<String, String> mappings) {
    ProcessDefinition source = asEditor(() -> version(processKey, from, "from"));
    ProcessDefinition target = asEditor(() -> version(processKey, to, "to"));
    return migrate(source, target, mappings);
  }

  /**
   * Deploys the previous version's BPMN again, so that it becomes the newest version, and moves the
   * running campaigns of the abandoned version to it.
   */
  Rollback rollback(String processKey, Map<String, String> mappings) {
    List<ProcessDefinition> definitions = asEditor(() -> definitions(processKey));
    if (definitions.size() < 2) {
      throw new InvalidInputException(
          "processKey", processKey + " has only one version: there is nothing to go back to");
    }
    ProcessDefinition abandoned = definitions.get(0);
    ProcessDefinition previous = definitions.get(1);
    Deployment deployment;
    try {
      deployment =
          asEditor(
              () ->
                  repository
                      .createDeployment()
                      .nameFromDeployment(previous.getDeploymentId())
                      .source(ROLLBACK_SOURCE)
                      .addDeploymentResourceByName(
                          previous.getDeploymentId(), previous.getResourceName())
                      .deploy());
    } catch (ProcessEngineException refused) {
      throw new InvalidInputException(
          "processKey",
          "version "
              + previous.getVersion()
              + " cannot be deployed again: "
              + refused.getMessage());
    }
    ProcessDefinition restored =
        asEditor(
            () ->
                repository
                    .createProcessDefinitionQuery()
                    .deploymentId(deployment.getId())
                    .processDefinitionKey(processKey)
                    .singleResult());
    Migration migration = migrate(abandoned, restored, mappings);
    String summary =
        "Version %d (a copy of version %d) is now the newest version of %s; version %d is no longer used for new campaigns. %s"
            .formatted(
                restored.getVersion(),
                previous.getVersion(),
                processKey,
                abandoned.getVersion(),
                migration.summary());
    return new Rollback(
        processKey,
        abandoned.getVersion(),
        previous.getVersion(),
        restored.getVersion(),
        deployment.getId(),
        summary,
        migration);
  }

  private Migration migrate(
      ProcessDefinition source, ProcessDefinition target, Map<String, String> mappings) {
    DryRun check = dryRun(source, target, mappings);
    List<String> movable =
        check.instances().stream()
            .filter(InstanceCheck::canMove)
            .map(InstanceCheck::processInstanceId)
            .toList();
    List<InstanceCheck> staying =
        check.instances().stream().filter(instance -> !instance.canMove()).toList();
    String batchId = null;
    if (!movable.isEmpty()) {
      Batch batch =
          asEditor(
              () ->
                  runtime
                      .newMigration(plan(source, target, mappings))
                      .processInstanceIds(movable)
                      .executeAsync());
      batchId = batch.getId();
    }
    String summary =
        "%d running campaign(s) of version %d %s to version %d%s; %d stay on version %d%s."
            .formatted(
                movable.size(),
                source.getVersion(),
                movable.isEmpty() ? "move" : "are moving",
                target.getVersion(),
                batchId == null ? "" : " (batch " + batchId + ")",
                staying.size(),
                source.getVersion(),
                staying.isEmpty() ? "" : ": " + reasons(staying));
    return new Migration(
        source.getKey(),
        source.getVersion(),
        target.getVersion(),
        mappings,
        movable.size(),
        staying.size(),
        batchId,
        summary,
        staying);
  }

  private DryRun dryRun(
      ProcessDefinition source, ProcessDefinition target, Map<String, String> mappings) {
    checkMappings(source, target, mappings);
    MigrationPlan plan = asEditor(() -> plan(source, target, mappings));
    BpmnModelInstance sourceModel = asEditor(() -> repository.getBpmnModelInstance(source.getId()));
    Map<String, FlowElement> sourceElements = ModelChanges.elements(sourceModel);
    Map<String, FlowElement> targetElements =
        ModelChanges.elements(asEditor(() -> repository.getBpmnModelInstance(target.getId())));
    List<ProcessInstance> instances =
        asEditor(
            () ->
                runtime
                    .createProcessInstanceQuery()
                    .processDefinitionId(source.getId())
                    .orderByBusinessKey()
                    .asc()
                    .list());
    List<InstanceCheck> checks = new ArrayList<>();
    for (ProcessInstance instance : instances) {
      List<Obstacle> obstacles =
          tryMigration(plan, instance.getId(), sourceElements, targetElements, mappings);
      checks.add(
          new InstanceCheck(
              instance.getId(),
              instance.getBusinessKey(),
              asEditor(() -> candidateOf(instance.getId())),
              asEditor(() -> tokens(instance.getId(), sourceElements)),
              obstacles.isEmpty(),
              obstacles));
    }
    int canMove = (int) checks.stream().filter(InstanceCheck::canMove).count();
    int cannotMove = checks.size() - canMove;
    String summary =
        "%d of %d running campaign(s) on version %d can move to version %d%s."
            .formatted(
                canMove,
                checks.size(),
                source.getVersion(),
                target.getVersion(),
                cannotMove == 0
                    ? ""
                    : "; "
                        + cannotMove
                        + " cannot: "
                        + reasons(checks.stream().filter(c -> !c.canMove()).toList()));
    return new DryRun(
        source.getKey(),
        source.getVersion(),
        target.getVersion(),
        mappings,
        canMove,
        cannotMove,
        summary,
        checks);
  }

  /**
   * Lets Camunda migrate the one instance in a transaction that is always rolled back: its
   * validation report (or the migration succeeding) is the answer, and nothing changes.
   */
  private List<Obstacle> tryMigration(
      MigrationPlan plan,
      String processInstanceId,
      Map<String, FlowElement> sourceElements,
      Map<String, FlowElement> targetElements,
      Map<String, String> mappings) {
    List<Obstacle> obstacles = new ArrayList<>();
    trial.executeWithoutResult(
        status -> {
          try {
            asEditor(
                () -> {
                  runtime.newMigration(plan).processInstanceIds(processInstanceId).execute();
                  return null;
                });
          } catch (MigratingProcessInstanceValidationException refused) {
            obstacles.addAll(
                obstacles(refused.getValidationReport(), sourceElements, targetElements, mappings));
          } catch (ProcessEngineException refused) {
            obstacles.add(
                new Obstacle(
                    null,
                    null,
                    "Camunda cannot move this campaign: " + refused.getMessage(),
                    List.of(refused.getMessage())));
          } finally {
            status.setRollbackOnly();
          }
        });
    return obstacles;
  }

  private static List<Obstacle> obstacles(
      MigratingProcessInstanceValidationReport report,
      Map<String, FlowElement> sourceElements,
      Map<String, FlowElement> targetElements,
      Map<String, String> mappings) {
    List<Obstacle> obstacles = new ArrayList<>();
    if (!report.getFailures().isEmpty()) {
      obstacles.add(
          new Obstacle(
              null,
              null,
              "Camunda cannot move this campaign: " + String.join("; ", report.getFailures()),
              report.getFailures()));
    }
    for (MigratingActivityInstanceValidationReport activity : report.getActivityInstanceReports()) {
      obstacles.add(
          obstacle(
              activity.getSourceScopeId(),
              activity.getFailures(),
              sourceElements,
              targetElements,
              mappings));
    }
    for (MigratingTransitionInstanceValidationReport transition :
        report.getTransitionInstanceReports()) {
      obstacles.add(
          obstacle(
              transition.getSourceScopeId(),
              transition.getFailures(),
              sourceElements,
              targetElements,
              mappings));
    }
    return obstacles;
  }

  private static Obstacle obstacle(
      String elementId,
      List<String> failures,
      Map<String, FlowElement> sourceElements,
      Map<String, FlowElement> targetElements,
      Map<String, String> mappings) {
    FlowElement element = sourceElements.get(elementId);
    String name = element == null ? null : element.getName();
    String label = name == null ? elementId : "“" + name + "” (" + elementId + ")";
    String reason;
    if (!targetElements.containsKey(elementId) && !mappings.containsKey(elementId)) {
      reason =
          "the campaign is at "
              + label
              + ", which the new version does not have: it can move once this step is done, or"
              + " when the mappings name the step of the new version that replaces it";
    } else {
      reason =
          "the campaign is at " + label + ", which cannot move: " + String.join("; ", failures);
    }
    return new Obstacle(elementId, name, reason, failures);
  }

  /**
   * Camunda's instructions for the elements with equal ids, plus the organizer's mappings; the
   * trigger of a message or signal event is updated only where its name changed, so timers keep
   * their due dates.
   */
  private MigrationPlan plan(
      ProcessDefinition source, ProcessDefinition target, Map<String, String> mappings) {
    MigrationPlan generated =
        runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
    BpmnModelInstance sourceModel = repository.getBpmnModelInstance(source.getId());
    BpmnModelInstance targetModel = repository.getBpmnModelInstance(target.getId());
    Map<String, String> all = new LinkedHashMap<>();
    for (MigrationInstruction instruction : generated.getInstructions()) {
      if (!mappings.containsKey(instruction.getSourceActivityId())) {
        all.put(instruction.getSourceActivityId(), instruction.getTargetActivityId());
      }
    }
    all.putAll(mappings);
    MigrationPlanBuilder builder = runtime.createMigrationPlan(source.getId(), target.getId());
    for (Map.Entry<String, String> mapping : all.entrySet()) {
      MigrationInstructionBuilder instruction =
          builder.mapActivities(mapping.getKey(), mapping.getValue());
      builder =
          triggerChanged(sourceModel, targetModel, mapping.getKey(), mapping.getValue())
              ? instruction.updateEventTrigger()
              : instruction;
    }
    try {
      return builder.build();
    } catch (MigrationPlanValidationException refused) {
      throw new InvalidInputException(problems(refused));
    }
  }

  private static boolean triggerChanged(
      BpmnModelInstance sourceModel, BpmnModelInstance targetModel, String from, String to) {
    return !java.util.Objects.equals(trigger(sourceModel, from), trigger(targetModel, to));
  }

  /** The name of the message or signal an event waits for, if it is one. */
  private static String trigger(BpmnModelInstance model, String elementId) {
    if (!(model.getModelElementById(elementId) instanceof Event event)) {
      return null;
    }
    for (var definition : event.getChildElementsByType(MessageEventDefinition.class)) {
      return definition.getMessage() == null
          ? null
          : "message " + definition.getMessage().getName();
    }
    for (var definition : event.getChildElementsByType(SignalEventDefinition.class)) {
      return definition.getSignal() == null ? null : "signal " + definition.getSignal().getName();
    }
    return null;
  }

  private static List<Problem> problems(MigrationPlanValidationException refused) {
    List<Problem> problems = new ArrayList<>();
    for (MigrationInstructionValidationReport report :
        refused.getValidationReport().getInstructionReports()) {
      MigrationInstruction instruction = report.getMigrationInstruction();
      problems.add(
          new Problem(
              "mappings." + instruction.getSourceActivityId(),
              "cannot map "
                  + instruction.getSourceActivityId()
                  + " to "
                  + instruction.getTargetActivityId()
                  + ": "
                  + String.join("; ", report.getFailures())));
    }
    if (problems.isEmpty()) {
      problems.add(new Problem("mappings", refused.getMessage()));
    }
    return problems;
  }

  private void checkMappings(
      ProcessDefinition source, ProcessDefinition target, Map<String, String> mappings) {
    Map<String, FlowElement> sourceElements =
        ModelChanges.elements(asEditor(() -> repository.getBpmnModelInstance(source.getId())));
    Map<String, FlowElement> targetElements =
        ModelChanges.elements(asEditor(() -> repository.getBpmnModelInstance(target.getId())));
    List<Problem> problems = new ArrayList<>();
    mappings.forEach(
        (from, to) -> {
          if (!sourceElements.containsKey(from)) {
            problems.add(
                new Problem(
                    "mappings." + from,
                    "version " + source.getVersion() + " has no element with the id " + from));
          }
          if (to == null || !targetElements.containsKey(to)) {
            problems.add(
                new Problem(
                    "mappings." + from,
                    "version " + target.getVersion() + " has no element with the id " + to));
          }
        });
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private List<ProcessDefinition> definitions(String processKey) {
    List<ProcessDefinition> definitions =
        processKey == null || processKey.isBlank()
            ? List.of()
            : repository
                .createProcessDefinitionQuery()
                .processDefinitionKey(processKey)
                .withoutTenantId()
                .orderByProcessDefinitionVersion()
                .desc()
                .list();
    if (definitions.isEmpty()) {
      throw new InvalidInputException("processKey", "no process has the key " + processKey);
    }
    return definitions;
  }

  private ProcessDefinition version(String processKey, Integer version, String field) {
    List<ProcessDefinition> definitions = definitions(processKey);
    if (version == null) {
      throw new InvalidInputException(field, "say which version, e.g. " + field + "=1");
    }
    return definitions.stream()
        .filter(definition -> definition.getVersion() == version)
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    field,
                    processKey
                        + " has no version "
                        + version
                        + " (versions 1 to "
                        + definitions.get(0).getVersion()
                        + ")"));
  }

  private String deployer(Deployment deployment) {
    return DeploymentFacts.deployedBy(engine.getHistoryService(), deployment);
  }

  private String candidateOf(String processInstanceId) {
    Object candidate = runtime.getVariable(processInstanceId, "candidateName");
    return candidate == null ? null : candidate.toString();
  }

  private List<Token> tokens(String processInstanceId, Map<String, FlowElement> elements) {
    List<Token> tokens = new ArrayList<>();
    ActivityInstance root = runtime.getActivityInstance(processInstanceId);
    if (root != null) {
      collect(root, elements, tokens);
    }
    tokens.sort(Comparator.comparing(Token::element));
    return tokens;
  }

  private static void collect(
      ActivityInstance instance, Map<String, FlowElement> elements, List<Token> tokens) {
    for (TransitionInstance transition : instance.getChildTransitionInstances()) {
      tokens.add(token(transition.getActivityId(), elements));
    }
    if (instance.getChildActivityInstances().length == 0
        && instance.getChildTransitionInstances().length == 0
        && instance.getParentActivityInstanceId() != null) {
      tokens.add(token(instance.getActivityId(), elements));
    }
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      collect(child, elements, tokens);
    }
  }

  private static Token token(String elementId, Map<String, FlowElement> elements) {
    FlowElement element = elements.get(elementId);
    return new Token(elementId, element == null ? null : element.getName());
  }

  private static String reasons(List<InstanceCheck> staying) {
    return staying.stream()
        .map(
            instance ->
                (instance.businessKey() == null
                        ? instance.processInstanceId()
                        : instance.businessKey())
                    + " ("
                    + instance.obstacles().stream()
                        .map(Obstacle::reason)
                        .collect(java.util.stream.Collectors.joining("; "))
                    + ")")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * Runs engine calls in one command whose authorization and tenant checks are off, keeping the
   * authenticated user (see the class comment). Nested engine calls reuse this command's context.
   */
  private <T> T asEditor(Supplier<T> work) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(
            commandContext -> {
              commandContext.disableAuthorizationCheck();
              commandContext.disableTenantCheck();
              return work.get();
            });
  }
}
