package org.pathtovictory.notification;

import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The mail templates' engine (Thymeleaf, HTML and plain text, also rendering the unsubscribe page),
 * the unsubscribe page's rate limit, and the deadline scan's schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationConfiguration {

  @Bean
  ITemplateEngine mailTemplates() {
    TemplateEngine engine = new TemplateEngine();
    // the unsubscribe page's templates (templates/notification-pages/), then the mails'
    engine.addTemplateResolver(
        resolver("templates/notification-", TemplateMode.HTML, "pages/*.html", 0));
    engine.addTemplateResolver(resolver("templates/mail/", TemplateMode.HTML, "*.html", 1));
    engine.addTemplateResolver(resolver("templates/mail/", TemplateMode.TEXT, "*.txt", 2));
    return engine;
  }

  /** Only the unsubscribe links are public; each client address gets a bucket of requests. */
  @Bean
  FilterRegistrationBean<org.pathtovictory.web.PerClientRateLimit> unsubscribeRateLimitFilter(
      NotificationProperties properties) {
    var registration =
        new FilterRegistrationBean<>(
            new org.pathtovictory.web.PerClientRateLimit(
                properties.unsubscribeRequestsPerMinute()));
    registration.setName("unsubscribe-rate-limit");
    registration.addUrlPatterns(UnsubscribeController.PATH + "*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  private static ClassLoaderTemplateResolver resolver(
      String prefix, TemplateMode mode, String pattern, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix(prefix);
    resolver.setTemplateMode(mode);
    resolver.setResolvablePatterns(Set.of(pattern));
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    resolver.setOrder(order);
    return resolver;
  }
}
