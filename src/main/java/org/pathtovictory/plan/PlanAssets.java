package org.pathtovictory.plan;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * The editor's JavaScript and styles ({@code static/plan-assets/}, built from {@code frontend/}):
 * public, as they hold no data. The entry files keep their names (the page shells name them), so
 * they are cached for an hour, then revalidated by their date; the shared chunks and fonts carry a
 * content hash in their names, so they are cached for a year. Browsers that accept gzip get the
 * {@code .gz} copy the build wrote beside each file.
 */
@Configuration(proxyBeanMethods = false)
class PlanAssets implements WebMvcConfigurer {

  static final Duration MAX_AGE = Duration.ofHours(1);
  static final Duration HASHED_MAX_AGE = Duration.ofDays(365);

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    CacheControl hashed = CacheControl.maxAge(HASHED_MAX_AGE).cachePublic().immutable();
    serve(registry, "chunks/", hashed);
    serve(registry, "assets/", hashed);
    serve(registry, "", CacheControl.maxAge(MAX_AGE).cachePublic());
  }

  private static void serve(ResourceHandlerRegistry registry, String folder, CacheControl cache) {
    registry
        .addResourceHandler("/plan-assets/" + folder + "**")
        .addResourceLocations("classpath:/static/plan-assets/" + folder)
        .setCacheControl(cache)
        .resourceChain(true)
        .addResolver(new EncodedResourceResolver())
        .addResolver(new PathResourceResolver());
  }
}
