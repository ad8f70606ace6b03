package org.pathtovictory.modeling;

import java.util.Objects;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.Deployment;

/** Who deployed a deployment, and the one line that says what it changed. */
public final class DeploymentFacts {

  /** The source of deployments made in the plan editor; their name is the organizer's line. */
  public static final String PLAN_EDITOR_SOURCE = "plan-editor";

  private DeploymentFacts() {}

  /** The user the engine's operation log names, else how the deployment came in. */
  public static String deployedBy(HistoryService history, Deployment deployment) {
    return history
        .createUserOperationLogQuery()
        .deploymentId(deployment.getId())
        .entityType(EntityTypes.DEPLOYMENT)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE)
        .list()
        .stream()
        .map(UserOperationLogEntry::getUserId)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(
            ModelDeployer.DEPLOYMENT_NAME.equals(deployment.getSource())
                ? "start-up"
                : "unknown (no user was logged in)");
  }

  /**
   * The description given at deploy (the deployment's name, as the plan editor and Camunda
   * Modeler's deploy dialog set it); start-up and rollback deployments say what they were.
   */
  public static String description(Deployment deployment) {
    if (ModelDeployer.DEPLOYMENT_NAME.equals(deployment.getSource())) {
      return "Deployed at start-up from the files in processes/ and forms/";
    }
    if (ModelVersions.ROLLBACK_SOURCE.equals(deployment.getSource())) {
      return "An earlier version made current again (roll back)";
    }
    return deployment.getName();
  }
}
