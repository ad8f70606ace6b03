package org.pathtovictory.engine;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Makes the REST API and the webapps of this application context answer from this context's engine
 * (see {@link RequestEngine}), whatever else runs in the JVM: the first filter of every request
 * binds the engine, and the webapps' shared delegates outlive a sibling container's shutdown.
 */
@Configuration(proxyBeanMethods = false)
class EnginePerContext {

  @Bean
  ServletContextInitializer processEngineBinding(ObjectProvider<ProcessEngine> processEngine) {
    return new Initializer(processEngine);
  }

  /** Before every other filter and listener of the container (Camunda's webapps' included). */
  static final class Initializer implements ServletContextInitializer, Ordered {

    private final ObjectProvider<ProcessEngine> processEngine;

    Initializer(ObjectProvider<ProcessEngine> processEngine) {
      this.processEngine = processEngine;
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void onStartup(ServletContext servletContext) {
      // the first listener is the last to hear of the shutdown: after Camunda's bootstraps
      // cleared the webapps' delegates
      var binding = new RequestEngine.Binding(processEngine);
      servletContext.addListener(
          new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
              WebappDelegates.containerStopped(binding.engine());
            }
          });
      servletContext
          .addFilter("processEngineBinding", binding)
          .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
    }
  }
}
