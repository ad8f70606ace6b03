package org.pathtovictory.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;

/**
 * The runtime delegates of Cockpit, Admin, Tasklist and Welcome, which Camunda keeps in static
 * fields: each servlet container sets fresh ones when it starts and clears them when it stops, and
 * Cockpit's and Admin's cache a database command executor per engine <em>name</em>. These cache per
 * engine instance (the engine comes from {@link RequestEngine.Provider}, so it is the engine of the
 * context serving the request), are shared by every container of the JVM, and stay installed while
 * one container still runs. With one engine this behaves as Camunda's own delegates.
 */
final class WebappDelegates {

  private static final AtomicInteger RUNNING_CONTAINERS = new AtomicInteger();
  private static Shared shared;

  private WebappDelegates() {}

  /** Called when a container has started, after Camunda's bootstrap listeners set theirs. */
  static synchronized void containerStarted() {
    RUNNING_CONTAINERS.incrementAndGet();
    install();
  }

  /** Called after Camunda's bootstrap listeners of a stopping container cleared the delegates. */
  static synchronized void containerStopped(ProcessEngine engine) {
    if (shared != null && engine != null) {
      shared.cockpit.executors.remove(engine);
      shared.admin.executors.remove(engine);
    }
    if (RUNNING_CONTAINERS.decrementAndGet() > 0) {
      install();
    }
  }

  private static void install() {
    if (shared == null) {
      shared = new Shared();
    }
    Cockpit.setCockpitRuntimeDelegate(shared.cockpit);
    Admin.setAdminRuntimeDelegate(shared.admin);
    Tasklist.setTasklistRuntimeDelegate(shared.tasklist);
    Welcome.setRuntimeDelegate(shared.welcome);
  }

  private static final class Shared {
    final CockpitDelegate cockpit = new CockpitDelegate();
    final AdminDelegate admin = new AdminDelegate();
    final DefaultTasklistRuntimeDelegate tasklist = new DefaultTasklistRuntimeDelegate();
    final DefaultWelcomeRuntimeDelegate welcome = new DefaultWelcomeRuntimeDelegate();
  }

  /** Cockpit's query executor, one per engine instance. */
  static final class CockpitDelegate extends DefaultCockpitRuntimeDelegate {
    final Map<ProcessEngine, org.camunda.bpm.cockpit.db.CommandExecutor> executors =
        Collections.synchronizedMap(new IdentityHashMap<>());

    @Override
    public org.camunda.bpm.cockpit.db.CommandExecutor getCommandExecutor(String engineName) {
      return executors.computeIfAbsent(
          getProcessEngine(engineName), engine -> createCommandExecutor(engineName));
    }
  }

  /** Admin's metrics query executor, one per engine instance. */
  static final class AdminDelegate extends DefaultAdminRuntimeDelegate {
    final Map<ProcessEngine, org.camunda.bpm.webapp.db.CommandExecutor> executors =
        Collections.synchronizedMap(new IdentityHashMap<>());

    @Override
    public org.camunda.bpm.webapp.db.CommandExecutor getCommandExecutor(String engineName) {
      return executors.computeIfAbsent(
          getProcessEngine(engineName), engine -> createCommandExecutor(engineName));
    }
  }
}
