package org.pathtovictory.plan;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The editor's JavaScript and styles ({@code static/plan-assets/}, built from {@code frontend/}):
 * public, as they hold no data, and cached for an hour, then revalidated by their date, so the
 * second visit loads nothing new.
 */
@Configuration(proxyBeanMethods = false)
class PlanAssets implements WebMvcConfigurer {

  static final Duration MAX_AGE = Duration.ofHours(1);

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler("/plan-assets/**")
        .addResourceLocations("classpath:/static/plan-assets/")
        .setCacheControl(CacheControl.maxAge(MAX_AGE).cachePublic());
  }
}
