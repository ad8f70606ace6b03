package org.pathtovictory.onboarding;

import org.pathtovictory.web.PerClientRateLimit;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The public pages of joining get a bucket of requests per client address. */
@Configuration(proxyBeanMethods = false)
class OnboardingConfiguration {

  @Bean
  FilterRegistrationBean<PerClientRateLimit> joinRateLimitFilter(OnboardingProperties properties) {
    var registration =
        new FilterRegistrationBean<>(new PerClientRateLimit(properties.requestsPerMinute()));
    registration.setName("join-rate-limit");
    registration.addUrlPatterns("/join", "/join/*", "/invitation/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }
}
