package org.pathtovictory.modeling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.repository.ResourceDefinitionEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The deployment check inside the engine: runs first among the engine's deployers, on every new
 * deployment however it arrives (start-up, Camunda Modeler over REST, a redeploy from Cockpit), in
 * the deployment's own transaction. Any problem refuses the deployment whole, so nothing of it is
 * stored and the previous version stays the newest.
 */
@Component
class DeploymentCheck extends AbstractProcessEnginePlugin implements Deployer {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentCheck.class);

  private final ModelCheck check;

  DeploymentCheck(ModelBeans beans) {
    this.check = new ModelCheck(beans);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(0, this);
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // a stored deployment read back into the cache: it was checked when it came in
    }
    Map<String, byte[]> resources = new LinkedHashMap<>();
    deployment.getResources().forEach((name, resource) -> resources.put(name, resource.getBytes()));
    List<ModelProblem> problems =
        problems(Context.getCommandContext(), resources, deployment.getTenantId());
    if (!problems.isEmpty()) {
      DeploymentRefusedException refused = new DeploymentRefusedException(problems);
      LOG.warn("Deployment '{}' refused. {}", deployment.getName(), refused.getMessage());
      throw refused;
    }
  }

  /**
   * The check of these resources against what the engine holds for the tenant (or shared), inside
   * an engine command: the deploy above, and {@link ModelCheckWithoutDeploying}.
   */
  List<ModelProblem> problems(
      CommandContext context, Map<String, byte[]> resources, String tenantId) {
    boolean tenantCheck = context.isTenantCheckEnabled();
    context.disableTenantCheck(); // references may point to any local group's or shared models
    try {
      return context.runWithoutAuthorization(
          () -> check.check(resources, new Stored(context, tenantId)));
    } finally {
      if (tenantCheck) {
        context.enableTenantCheck();
      }
    }
  }

  /**
   * What the engine already holds: the newest definitions of the deployment's tenant, or shared.
   */
  static final class Stored implements ModelCheck.Deployed {
    private final CommandContext context;
    private final String tenantId;
    private final Map<String, byte[]> forms = new HashMap<>();
    private Map<String, byte[]> processes;

    Stored(CommandContext context, String tenantId) {
      this.context = context;
      this.tenantId = tenantId;
    }

    @Override
    public boolean hasProcess(String key) {
      var manager = context.getProcessDefinitionManager();
      return manager.findLatestProcessDefinitionByKeyAndTenantId(key, tenantId) != null
          || manager.findLatestProcessDefinitionByKeyAndTenantId(key, null) != null;
    }

    @Override
    public boolean hasDecision(String key) {
      var manager = context.getDecisionDefinitionManager();
      return manager.findLatestDecisionDefinitionByKeyAndTenantId(key, tenantId) != null
          || manager.findLatestDecisionDefinitionByKeyAndTenantId(key, null) != null;
    }

    @Override
    public byte[] form(String formId) {
      return forms.computeIfAbsent(
          formId,
          id -> {
            var manager = context.getCamundaFormDefinitionManager();
            var form = manager.findLatestDefinitionByKeyAndTenantId(id, tenantId);
            if (form == null && tenantId != null) {
              form = manager.findLatestDefinitionByKeyAndTenantId(id, null);
            }
            return form == null ? null : bytes(form);
          });
    }

    @Override
    public Map<String, byte[]> latestProcesses() {
      if (processes == null) {
        processes = new LinkedHashMap<>();
        ProcessDefinitionQueryImpl latest = new ProcessDefinitionQueryImpl();
        latest.latestVersion();
        for (ProcessDefinition definition :
            context
                .getProcessDefinitionManager()
                .findProcessDefinitionsByQueryCriteria(latest, null)) {
          byte[] xml = bytes((ResourceDefinitionEntity<?>) definition);
          if (xml != null) {
            processes.putIfAbsent(definition.getKey(), xml);
          }
        }
      }
      return processes;
    }

    private byte[] bytes(ResourceDefinitionEntity<?> definition) {
      ResourceEntity resource =
          context
              .getResourceManager()
              .findResourceByDeploymentIdAndResourceName(
                  definition.getDeploymentId(), definition.getResourceName());
      return resource == null ? null : resource.getBytes();
    }
  }
}
