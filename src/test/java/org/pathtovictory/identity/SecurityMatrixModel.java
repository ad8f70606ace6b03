package org.pathtovictory.identity;

import org.camunda.bpm.engine.RepositoryService;

/** The small test model the security tests run in both demo groups, deployed once per context. */
final class SecurityMatrixModel {

  static final String KEY = "security-matrix";

  private SecurityMatrixModel() {}

  static void deployOnce(RepositoryService repositoryService) {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY).count() == 0) {
      repositoryService
          .createDeployment()
          .name(KEY)
          .addClasspathResource("security/security-matrix.bpmn")
          .addClasspathResource("security/security-matrix-decision.dmn")
          .addClasspathResource("security/security-matrix-start.form")
          .addClasspathResource("security/security-matrix-plan.form")
          .deploy();
    }
  }
}
