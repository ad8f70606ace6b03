package org.pathtovictory.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.admin.impl.web.AdminApplication;
import org.camunda.bpm.cockpit.impl.web.CockpitApplication;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.tasklist.impl.web.TasklistApplication;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.camunda.bpm.welcome.impl.web.WelcomeApplication;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The webapps' own REST APIs ({@code /camunda/api/engine}, where Tasklist starts processes and
 * completes tasks, and the tasklist, cockpit, admin and welcome APIs) with our exception mappers
 * instead of Camunda's, which answer 500 with the exception's class name to any engine exception.
 * Camunda's starter registers these servlets only under names not yet taken, so registering them
 * first, with the same names, paths and Jersey servlet, replaces only the exception mapping.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebappApis implements ServletContextInitializer {

  private final CamundaBpmProperties camunda;

  WebappApis(CamundaBpmProperties camunda) {
    this.camunda = camunda;
  }

  @Override
  public void onStartup(ServletContext servletContext) {
    String path = camunda.getWebapp().getApplicationPath();
    Map<String, Class<?>> apis =
        Map.of(
            "Engine Api", EngineApi.class,
            "Tasklist Api", TasklistApi.class,
            "Cockpit Api", CockpitApi.class,
            "Admin Api", AdminApi.class,
            "Welcome Api", WelcomeApi.class);
    Map<String, String> mappings =
        Map.of(
            "Engine Api", "/api/engine/*",
            "Tasklist Api", "/api/tasklist/*",
            "Cockpit Api", "/api/cockpit/*",
            "Admin Api", "/api/admin/*",
            "Welcome Api", "/api/welcome/*");
    apis.forEach(
        (name, application) -> {
          if (servletContext.getServletRegistration(name) == null) {
            ServletRegistration.Dynamic servlet =
                servletContext.addServlet(name, ServletContainer.class);
            servlet.addMapping(path + mappings.get(name));
            servlet.setInitParameter("jakarta.ws.rs.Application", application.getName());
          }
        });
  }

  /** {@code /camunda/api/engine}: Camunda's engine REST API as the webapps use it. */
  public static class EngineApi extends EngineRestApplication {
    @Override
    public Set<Class<?>> getClasses() {
      return ApiExceptionMappers.replaceExceptionMappers(super.getClasses());
    }
  }

  public static class TasklistApi extends TasklistApplication {
    @Override
    public Set<Class<?>> getClasses() {
      return ApiExceptionMappers.replaceExceptionMappers(super.getClasses());
    }
  }

  public static class CockpitApi extends CockpitApplication {
    @Override
    public Set<Class<?>> getClasses() {
      return ApiExceptionMappers.replaceExceptionMappers(super.getClasses());
    }
  }

  public static class AdminApi extends AdminApplication {
    @Override
    public Set<Class<?>> getClasses() {
      return ApiExceptionMappers.replaceExceptionMappers(super.getClasses());
    }
  }

  public static class WelcomeApi extends WelcomeApplication {
    @Override
    public Set<Class<?>> getClasses() {
      return ApiExceptionMappers.replaceExceptionMappers(super.getClasses());
    }
  }
}
