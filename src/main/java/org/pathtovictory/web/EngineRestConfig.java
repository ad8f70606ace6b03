package org.pathtovictory.web;

import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST resources, with our exception mappers ({@link ApiExceptionMappers}, translating
 * with {@link ApiErrors}) in place of Camunda's: refused input answers 400 naming the fields, a
 * missing resource 404, a refusal 403, a lost race 409, instead of the generic 500 (with the
 * exception's class name) that Camunda gives any engine exception.
 */
@Component
class EngineRestConfig extends CamundaJerseyResourceConfig {

  @Override
  protected void registerCamundaRestResources() {
    registerClasses(CamundaRestResources.getResourceClasses());
    registerClasses(
        ApiExceptionMappers.replaceExceptionMappers(
            new java.util.HashSet<>(CamundaRestResources.getConfigurationClasses())));
    register(JacksonFeature.withoutExceptionMappers());
  }

  /**
   * The engine refuses another local group's task or instance with a plain engine exception
   * (ENGINE-13034, "belongs to no authenticated tenant"); it is a refusal: 403, and no more.
   */
  static boolean isTenantRefusal(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null
          && cause.getMessage().contains("because it belongs to no authenticated tenant")) {
        return true;
      }
    }
    return false;
  }
}
