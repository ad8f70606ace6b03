package org.pathtovictory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pathtovictory.Skips;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production profile as it starts: everything from the environment, on a real PostgreSQL. Runs
 * as a regular user only: skipped as root (PostgreSQL refuses root) and with -DskipPostgresTests.
 */
@SpringBootTest(properties = "spring.profiles.active=postgres")
@Tag("postgres")
class PostgresProfileTest {

  private static EmbeddedPostgres postgres;

  /** PostgreSQL refuses root; -DskipPostgresTests is the quick local run's switch. */
  @BeforeAll
  static void postgresCanRun() {
    if ("root".equals(System.getProperty("user.name"))) {
      Skips.because("The postgres profile test starts PostgreSQL, which refuses to run as root");
    }
    if (Boolean.getBoolean("skipPostgresTests")) {
      Skips.because("The postgres profile test is left out by -DskipPostgresTests");
    }
  }

  @DynamicPropertySource
  static void environment(DynamicPropertyRegistry environment) throws IOException {
    postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
    environment.add("PTV_DB_URL", () -> postgres.getJdbcUrl("postgres", "postgres"));
    environment.add("PTV_DB_USER", () -> "postgres");
    environment.add("PTV_DB_PASSWORD", () -> "postgres");
    environment.add("PTV_ADMIN_USER", () -> "admin");
    environment.add("PTV_ADMIN_PASSWORD", () -> "a-long-test-only-password");
    environment.add("camunda.bpm.job-execution.enabled", () -> "false");
  }

  /**
   * The server stops with this context, after its data source (a JVM shutdown hook would race the
   * context's own and leave the pool talking to a stopped server).
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class ServerStopsAfterTheDataSource {
    @Bean
    static BeanFactoryPostProcessor dataSourceNeedsTheServer() {
      return beanFactory ->
          beanFactory.getBeanDefinition("dataSource").setDependsOn("postgresServer");
    }

    @Bean
    AutoCloseable postgresServer() {
      return () -> postgres.close();
    }
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identityService;

  @Test
  void plansEachStatementForItsValues() {
    // see identity/TaskInboxQueryBenchmark: the generic plan makes a volunteer's inbox 5x slower
    assertThat(jdbc.queryForObject("show plan_cache_mode", String.class))
        .isEqualTo("force_custom_plan");
  }

  @Test
  void onlyTheConfiguredAdministratorExistsNoDemoUsers() {
    assertThat(identityService.createUserQuery().list()).extracting("id").containsExactly("admin");
  }
}
