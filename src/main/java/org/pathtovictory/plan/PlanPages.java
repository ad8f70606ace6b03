package org.pathtovictory.plan;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The plan editor's pages, from the Thymeleaf templates in {@code templates/plan/} (values escaped,
 * as {@code board.Pages} renders the board). Scripts only from this server; the diagram and form
 * editors set inline styles on the elements they draw, so styles may be inline.
 */
@Component
class PlanPages {

  private final TemplateEngine engine = new TemplateEngine();
  private final PlanFormat format;

  PlanPages(PlanFormat format) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/plan/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    engine.setTemplateResolver(resolver);
    this.format = format;
  }

  ResponseEntity<String> render(String template, Map<String, Object> model) {
    Context context = new Context(Locale.US);
    context.setVariables(model);
    context.setVariable("fmt", format);
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .body(engine.process(template, context));
  }
}
