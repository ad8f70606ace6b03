package org.pathtovictory.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when an administrator is configured without a password: Camunda would otherwise
 * fall back to a guessable one. Created with the engine's plugins, so it fails before the engine
 * writes any user.
 */
@Component
class AdminPasswordRequired extends AbstractProcessEnginePlugin {

  AdminPasswordRequired(
      @Value("${camunda.bpm.admin-user.id:}") String adminId,
      @Value("${camunda.bpm.admin-user.password:}") String adminPassword) {
    if (!adminId.isBlank() && adminPassword.isBlank()) {
      throw new IllegalStateException(
          "No password is set for the administrator '"
              + adminId
              + "'. Set the environment variable PTV_ADMIN_PASSWORD to a strong password"
              + " and start again.");
    }
  }
}
