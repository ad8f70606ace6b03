package org.pathtovictory.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Keeps the volunteer's inbox fast as campaigns grow. Before every authorization check Camunda
 * narrows the user's groups to those that appear in any authorization, by reading {@code SELECT
 * distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION} in full, once per command. Every candidate-group
 * task adds a row there, so at 100,000 open tasks that scan costs more than the inbox query itself
 * (see TaskInboxQueryBenchmark). Leaving the groups as they are gives the same answer (a group
 * without authorizations matches no row) without the scan.
 */
@Component
class AuthorizedGroupsWithoutScan extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories =
        configuration.getCustomSessionFactories() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(
        new SessionFactory() {
          @Override
          public Class<?> getSessionType() {
            return AuthorizationManager.class;
          }

          @Override
          public Session openSession() {
            return new Manager();
          }
        });
    configuration.setCustomSessionFactories(factories);
  }

  /** Camunda's manager, minus the full scan. */
  static class Manager extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return List.of();
      }
      return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
    }
  }
}
