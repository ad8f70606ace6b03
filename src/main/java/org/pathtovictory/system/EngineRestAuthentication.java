package org.pathtovictory.system;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Closes the REST APIs to strangers: every request under {@code /engine-rest} (Camunda's) and
 * {@code /api} (ours) must carry HTTP Basic credentials of an engine user (Camunda Modeler deploys
 * this way). The engine then checks that user's authorizations and tenants.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestAuthentication {

  /** Right after the security headers, before anything reads the request. */
  static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 20;

  /** Camunda lets {@code /engine} (the list of engine names) through unauthenticated; not here. */
  static class EveryPath extends ProcessEngineAuthenticationFilter {
    @Override
    protected boolean requiresEngineAuthentication(String requestUrl) {
      return true;
    }
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
    var registration =
        new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(new EveryPath());
    registration.setName("engine-rest-authentication");
    registration.setOrder(ORDER);
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    return registration;
  }
}
