package org.pathtovictory.operations;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ProcessEngine;
import org.pathtovictory.system.EngineRestAuthentication;
import org.pathtovictory.system.NodeName;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every meter names its node; the actuator's endpoints but health are for operators. */
@Configuration(proxyBeanMethods = false)
class OperationsMetrics {

  @Bean
  MeterRegistryCustomizer<MeterRegistry> nodeTag(NodeName node) {
    return registry -> registry.config().commonTags("node", node.value());
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
