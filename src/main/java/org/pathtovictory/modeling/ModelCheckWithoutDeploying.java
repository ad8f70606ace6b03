package org.pathtovictory.modeling;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The deployment check of a deploy, run without deploying: the same rules ({@link DeploymentCheck})
 * against what the engine holds for the tenant, inside an engine command so the check reads the
 * engine's stored models as it does during a deploy. Nothing is written.
 */
@Component
public class ModelCheckWithoutDeploying {

  private final DeploymentCheck check;
  private final ProcessEngine engine;

  ModelCheckWithoutDeploying(DeploymentCheck check, ProcessEngine engine) {
    this.check = check;
    this.engine = engine;
  }

  /** Every problem a deployment of these resources (name to content) to the tenant would meet. */
  public List<LocatedProblem> check(Map<String, byte[]> resources, String tenantId) {
    List<ModelProblem> problems =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired()
            .execute(context -> check.problems(context, resources, tenantId));
    return LocatedProblem.locate(problems, resources);
  }
}
