package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A model that runs code, as if it were already in the database (written there past the deployment
 * check): started, it fails and does no harm. Each model is first deployed valid, then its stored
 * BPMN is overwritten in {@code ACT_GE_BYTEARRAY} and the engine's cache emptied, so the engine
 * reads the bad model back from the database as it would after a restart.
 */
class ModelSandboxTest extends DeploymentTestSupport {

  @Autowired DataSource dataSource;
  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired RuntimeService runtimeService;

  static String process(String key, String step, String stepClose, String stepInner) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="Definitions_Sandbox" targetNamespace="http://pathtovictory.org/test">
          <bpmn:process id="%s" name="Sandbox" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_Started" name="Started">
              <bpmn:outgoing>Flow_ToStep</bpmn:outgoing>
            </bpmn:startEvent>
            %s
              <bpmn:incoming>Flow_ToStep</bpmn:incoming>
              <bpmn:outgoing>Flow_ToEnd</bpmn:outgoing>
              %s
            %s
            <bpmn:endEvent id="EndEvent_Done" name="Done">
              <bpmn:incoming>Flow_ToEnd</bpmn:incoming>
            </bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_ToStep" sourceRef="StartEvent_Started" targetRef="Task_Step" />
            <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_Step" targetRef="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(key, step, stepInner, stepClose);
  }

  /** Deploys a valid model under {@code key}, then stores {@code bad} in its place. */
  Deployment storedPastTheCheck(String key, String bad) throws SQLException {
    Deployment deployment =
        repositoryService
            .createDeployment()
            .name(key)
            .addString(
                key + ".bpmn",
                process(
                    key,
                    "<bpmn:manualTask id=\"Task_Step\" name=\"Step\">",
                    "</bpmn:manualTask>",
                    ""))
            .deploy();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE ACT_GE_BYTEARRAY SET BYTES_ = ? WHERE DEPLOYMENT_ID_ = ? AND NAME_ = ?")) {
      update.setBytes(1, bad.getBytes(StandardCharsets.UTF_8));
      update.setString(2, deployment.getId());
      update.setString(3, key + ".bpmn");
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    configuration.getDeploymentCache().discardProcessDefinitionCache();
    return deployment;
  }

  void failsWithoutHarm(String key, String messagePart) {
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(key))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining(messagePart);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(key).count())
        .isZero();
  }

  @Test
  void anExpressionReachingTheDataSourceFindsNothing() throws SQLException {
    storedPastTheCheck(
        "sandbox-datasource",
        process(
            "sandbox-datasource",
            "<bpmn:serviceTask id=\"Task_Step\" name=\"Step\""
                + " camunda:expression=\"${dataSource.connection}\" camunda:resultVariable=\"leak\">",
            "</bpmn:serviceTask>",
            ""));
    failsWithoutHarm("sandbox-datasource", "Cannot resolve identifier 'dataSource'");
  }

  @Test
  void anExpressionReachingTheEngineServicesIsStopped() throws SQLException {
    storedPastTheCheck(
        "sandbox-services",
        process(
            "sandbox-services",
            "<bpmn:serviceTask id=\"Task_Step\" name=\"Step\""
                + " camunda:expression=\"${execution.processEngineServices.identityService}\""
                + " camunda:resultVariable=\"leak\">",
            "</bpmn:serviceTask>",
            ""));
    failsWithoutHarm("sandbox-services", "of an object that models may not use");
  }

  @Test
  void aModelBeansClassIsOutOfReach() throws SQLException {
    storedPastTheCheck(
        "sandbox-getclass",
        process(
            "sandbox-getclass",
            "<bpmn:serviceTask id=\"Task_Step\" name=\"Step\""
                + " camunda:expression=\"${dueDate.getClass().forName('java.lang.Runtime')}\""
                + " camunda:resultVariable=\"leak\">",
            "</bpmn:serviceTask>",
            ""));
    failsWithoutHarm("sandbox-getclass", "tried to reach getClass");
  }

  @Test
  void aJavaScriptScriptTaskDoesNotRun() throws SQLException {
    storedPastTheCheck("sandbox-javascript", scriptTask("sandbox-javascript", "javascript"));
    failsWithoutHarm("sandbox-javascript", "Models may not run scripts (javascript)");
  }

  @Test
  void aGroovyScriptTaskDoesNotRun() throws SQLException {
    storedPastTheCheck("sandbox-groovy", scriptTask("sandbox-groovy", "groovy"));
    failsWithoutHarm("sandbox-groovy", "Models may not run scripts (groovy)");
  }

  static String scriptTask(String key, String format) {
    return process(
        key,
        "<bpmn:scriptTask id=\"Task_Step\" name=\"Step\" scriptFormat=\"" + format + "\">",
        "</bpmn:scriptTask>",
        "<bpmn:script>execution.setVariable('ran', true)</bpmn:script>");
  }

  @Test
  void aJavaClassDelegateIsNotCreated() throws SQLException {
    storedPastTheCheck(
        "sandbox-class",
        process(
            "sandbox-class",
            "<bpmn:serviceTask id=\"Task_Step\" name=\"Step\" camunda:class=\"java.lang.Runtime\">",
            "</bpmn:serviceTask>",
            ""));
    failsWithoutHarm("sandbox-class", "Models may not run Java classes (Runtime)");
  }

  @Test
  void anExpressionListenerCannotCallABeanThatIsNotAModelBean() throws SQLException {
    Deployment victim =
        repositoryService
            .createDeploymentQuery()
            .deploymentName(ModelDeployer.DEPLOYMENT_NAME)
            .list()
            .get(0);
    storedPastTheCheck(
        "sandbox-listener",
        process(
            "sandbox-listener",
            "<bpmn:manualTask id=\"Task_Step\" name=\"Step\">"
                + "<bpmn:extensionElements><camunda:executionListener event=\"start\""
                + " expression=\"${repositoryService.deleteDeployment('"
                + victim.getId()
                + "', true)}\" /></bpmn:extensionElements>",
            "</bpmn:manualTask>",
            ""));
    failsWithoutHarm("sandbox-listener", "Cannot resolve identifier 'repositoryService'");
    assertThat(repositoryService.createDeploymentQuery().deploymentId(victim.getId()).count())
        .isOne();
  }
}
