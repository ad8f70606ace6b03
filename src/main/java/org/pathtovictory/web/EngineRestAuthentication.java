package org.pathtovictory.web;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Closes the REST APIs to strangers: every request under {@code /engine-rest} (Camunda's) and
 * {@code /api} (ours) must carry HTTP Basic credentials of an engine user (Camunda Modeler deploys
 * this way). The engine then checks that user's authorizations and tenants.
 */
@Configuration(proxyBeanMethods = false)
public class EngineRestAuthentication {

  /** Right after the security headers, before anything reads the request. */
  public static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 20;

  /** Camunda lets {@code /engine} (the list of engine names) through unauthenticated; not here. */
  static class EveryPath extends ProcessEngineAuthenticationFilter {
    @Override
    protected boolean requiresEngineAuthentication(String requestUrl) {
      return true;
    }
  }

  /** In the profile {@code oidc}, {@code signin.EngineRestSignIn} takes bearer tokens as well. */
  @Bean
  @Profile("!oidc")
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
