package org.pathtovictory.engine;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The engine of the Spring context whose servlet container serves the current request.
 *
 * <p>Camunda's REST API and webapps find their engine through the {@link ProcessEngineProvider}
 * SPI, whose Spring Boot implementation reads the JVM-wide {@link ProcessEngines} registry by name:
 * with two application contexts in one JVM (the test suite's context cache) the engine registered
 * last would answer every context's requests. Here each context's container binds its own engine to
 * the request thread ({@link Binding}), and the provider answers with the bound engine; off a
 * request (or in a context without the binding) it falls back to the registry exactly as Camunda's
 * provider does. With one engine, as in production, both answers are the same engine.
 */
public final class RequestEngine {

  private static final ThreadLocal<ProcessEngine> BOUND = new ThreadLocal<>();

  /** The engines as the REST API and the webapps find them, for our own code on a request. */
  public static final Provider PROVIDER = new Provider();

  private RequestEngine() {}

  /** Binds a context's engine for the requests its servlet container serves. */
  static final class Binding implements Filter {

    private final ObjectProvider<ProcessEngine> engineBean;
    private volatile ProcessEngine engine;

    /** The container starts before the context's beans: the engine is looked up on first use. */
    Binding(ObjectProvider<ProcessEngine> engineBean) {
      this.engineBean = engineBean;
    }

    /** The engine it binds, once a request looked it up. */
    ProcessEngine engine() {
      return engine;
    }

    /** Filters start after every listener, so after Camunda's bootstraps set their delegates. */
    @Override
    public void init(jakarta.servlet.FilterConfig config) {
      WebappDelegates.containerStarted();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      ProcessEngine engine = this.engine;
      if (engine == null) {
        engine = engineBean.getObject();
        this.engine = engine;
      }
      ProcessEngine before = BOUND.get();
      BOUND.set(engine);
      try {
        chain.doFilter(request, response);
      } finally {
        if (before == null) {
          BOUND.remove();
        } else {
          BOUND.set(before);
        }
      }
    }
  }

  /**
   * Registered for {@code /engine-rest} and the webapps in {@code
   * META-INF/services/org.camunda.bpm.engine.rest.spi.ProcessEngineProvider}; the application's
   * classes come first on the class path, so the SPI lookups find this one before Camunda's.
   */
  public static final class Provider implements ProcessEngineProvider {

    @Override
    public ProcessEngine getDefaultProcessEngine() {
      ProcessEngine engine = BOUND.get();
      return engine != null ? engine : ProcessEngines.getDefaultProcessEngine();
    }

    @Override
    public ProcessEngine getProcessEngine(String name) {
      ProcessEngine engine = BOUND.get();
      if (engine != null && (name == null || engine.getName().equals(name))) {
        return engine;
      }
      return name == null
          ? ProcessEngines.getDefaultProcessEngine()
          : ProcessEngines.getProcessEngine(name);
    }

    @Override
    public Set<String> getProcessEngineNames() {
      ProcessEngine engine = BOUND.get();
      return engine != null
          ? Set.of(engine.getName())
          : ProcessEngines.getProcessEngines().keySet();
    }
  }
}
