package org.pathtovictory.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ProcessEngine;
import org.pathtovictory.engine.NodeName;
import org.pathtovictory.web.EngineRestAuthentication;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every meter names its node; the actuator's endpoints but health are for operators; the database's
 * readiness check answers within its bound.
 */
@Configuration(proxyBeanMethods = false)
class OperationsMetrics {

  @Bean
  MeterRegistryCustomizer<MeterRegistry> nodeTag(NodeName node) {
    return registry -> registry.config().commonTags("node", node.value());
  }

  /**
   * 1 while this node's readiness ({@code /actuator/health/readiness}: the database and the mail
   * server) is UP, else 0: the alert "a node not ready" needs it as a number.
   */
  @Bean
  MeterBinder readinessGauge(HealthEndpoint health) {
    return registry ->
        Gauge.builder(
                "ptv.node.ready",
                health,
                endpoint -> {
                  HealthComponent readiness = endpoint.healthForPath("readiness");
                  return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
                })
            .description(
                "1 while this node is ready for traffic (database and mail server), else 0")
            .register(registry);
  }

  /** Replaces Spring Boot's {@code db} check (same name, so the readiness group keeps it). */
  @Bean(name = "dbHealthIndicator", destroyMethod = "close")
  DatabaseHealth dbHealthIndicator(javax.sql.DataSource dataSource) {
    return new DatabaseHealth(dataSource);
  }

  @Bean
  FilterRegistrationBean<MetricsAccess> metricsAccessFilter(
      ProcessEngine engine, OperationsProperties properties) {
    var registration =
        new FilterRegistrationBean<>(new MetricsAccess(engine.getIdentityService(), properties));
    registration.setName("metrics-access");
    registration.addUrlPatterns("/actuator", "/actuator/*");
    // where the REST APIs check their callers: before anything else reads the request
    registration.setOrder(EngineRestAuthentication.ORDER);
    return registration;
  }
}
