package org.pathtovictory.engine;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.impl.custom.CreateAdminUserConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Makes the start-up of several identical nodes at the same moment on one (empty) database safe.
 * Liquibase's lock table serializes the schema once it exists; creating that table is the one step
 * two nodes can collide in (PostgreSQL refuses the second {@code CREATE TABLE} with a duplicate
 * key), so a node that loses it runs Liquibase again, then waiting for the lock like any later
 * node. Camunda's deployment lock serializes the model deployment (and its duplicate filtering, so
 * one version results); {@link StartupLock} serializes the rest: the starter's administrator
 * creation (check-then-insert, which would fail one node on a duplicate key) and the role setup.
 */
@Configuration(proxyBeanMethods = false)
class ClusterStartup {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterStartup.class);

  @Bean
  StartupLock startupLock(
      ProcessEngineConfigurationImpl processEngineConfiguration,
      PlatformTransactionManager transactionManager) {
    return new StartupLock(processEngineConfiguration, transactionManager);
  }

  /**
   * Liquibase once more when a node lost the race to create its tables on an empty database; and
   * not at all when the changelog is the one the last successful run recorded ({@link
   * ChangelogChecksum}).
   */
  @Bean
  static BeanPostProcessor liquibaseAgainAfterAStartUpCollision() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof SpringLiquibase liquibase) {
          updateWhenChanged(liquibase);
          // done: Spring's own initialization call finds nothing left to do
          liquibase.setShouldRun(false);
        }
        return bean;
      }
    };
  }

  static void updateWhenChanged(SpringLiquibase liquibase) {
    long started = System.nanoTime();
    Optional<String> checksum = checksum(liquibase);
    if (checksum.isPresent()
        && ChangelogChecksum.isRecorded(liquibase.getDataSource(), checksum.get())) {
      LOG.info(
          "Liquibase skipped: the changelog is the one of the last start (checked in {} ms)",
          (System.nanoTime() - started) / 1_000_000);
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        liquibase.afterPropertiesSet();
        break;
      } catch (LiquibaseException e) {
        if (attempt == 3) {
          throw new BeanInitializationException("Liquibase failed three times", e);
        }
        LOG.warn("Liquibase failed (another node may be creating the schema); again", e);
        pause(1000 + ThreadLocalRandom.current().nextInt(2000));
      }
    }
    LOG.info("Liquibase ran in {} ms", (System.nanoTime() - started) / 1_000_000);
    if (checksum.isPresent()) {
      try {
        ChangelogChecksum.record(liquibase.getDataSource(), checksum.get());
      } catch (SQLException e) {
        // the next start runs Liquibase again, which is only slower
        LOG.warn("Could not keep the changelog's checksum; Liquibase runs on the next start", e);
      }
    }
  }

  private static Optional<String> checksum(SpringLiquibase liquibase) {
    try {
      return ChangelogChecksum.of(
          ResourcePatternUtils.getResourcePatternResolver(liquibase.getResourceLoader()),
          liquibase.getChangeLog(),
          liquibase.getContexts(),
          liquibase.getLabelFilter());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not read the changelog for its checksum; Liquibase runs", e);
      return Optional.empty();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BeanInitializationException("Interrupted while waiting to run Liquibase", e);
    }
  }

  /** Runs the starter's administrator creation under the start-up lock. */
  @Bean
  static BeanPostProcessor adminUserUnderStartupLock(
      ObjectProvider<PlatformTransactionManager> transactionManager) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof CreateAdminUserConfiguration createAdmin
            && !(bean instanceof LockedAdminUser)) {
          return new LockedAdminUser(createAdmin, transactionManager);
        }
        return bean;
      }
    };
  }

  static class LockedAdminUser extends CreateAdminUserConfiguration {
    private final CreateAdminUserConfiguration delegate;
    private final ObjectProvider<PlatformTransactionManager> transactionManager;

    LockedAdminUser(
        CreateAdminUserConfiguration delegate,
        ObjectProvider<PlatformTransactionManager> transactionManager) {
      this.delegate = delegate;
      this.transactionManager = transactionManager;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
      var configuration =
          (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
      new StartupLock(configuration, transactionManager.getObject())
          .run(() -> delegate.postProcessEngineBuild(processEngine));
    }
  }
}
