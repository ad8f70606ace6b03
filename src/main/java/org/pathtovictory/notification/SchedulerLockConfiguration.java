package org.pathtovictory.notification;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled work that must happen once per cluster, not once per node (the deadline scan and the
 * daily digest), runs under a ShedLock lock in the table {@code shedlock} (Liquibase changeset
 * {@code ptv-cluster-1}). The database's clock decides, so nodes with skewed clocks agree.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerLockConfiguration {

  @Bean
  LockProvider schedulerLockProvider(DataSource dataSource) {
    return new JdbcTemplateLockProvider(
        JdbcTemplateLockProvider.Configuration.builder()
            .withJdbcTemplate(new JdbcTemplate(dataSource))
            .withTableName("shedlock")
            .usingDbTime()
            .build());
  }

  @Bean
  LockingTaskExecutor schedulerLocks(LockProvider schedulerLockProvider) {
    return new DefaultLockingTaskExecutor(schedulerLockProvider);
  }
}
