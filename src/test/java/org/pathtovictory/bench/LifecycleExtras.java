package org.pathtovictory.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateListener;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.listener.DelegateExpressionExecutionListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.CompositeDbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.pathtovictory.notification.UnsubscribeLinksSwitch;

/**
 * The application's extras on a campaign's path, each of which {@link LifecycleBenchmark} switches
 * off on its own (and back on) in the running application, to measure its share of the difference
 * to the bare engine. Test code only: the switches change the deployed definitions in the engine's
 * cache and the engine's configuration, never the main code. A switch that finds nothing to switch
 * off fails, so a moved extra cannot be measured as costing nothing.
 */
final class LifecycleExtras {

  /** One extra, named as the report names it. */
  enum Extra {
    AUTHORIZATION("authorization", "the grants Camunda writes for each task (authorization on)"),
    LABELS("labels", "board/CampaignOnEveryTask: candidate and race copied onto every task"),
    NOTIFICATION(
        "notification",
        "notification/TaskNotificationPlugin: recipients, the mail and its outbox row"
            + " (the unsubscribe link included)"),
    UNSUBSCRIBE_LINK("unsubscribe_link", "notification/UnsubscribeLinks: a token for each mail"),
    LISTENERS(
        "listeners", "modeling/CampaignStepPlugin: the campaign steps' task listeners (leads)"),
    INTAKE(
        "intake",
        "endorsement/RecordEndorsementListener: intake validation and the campaign calendar"),
    FORM_RULES("form_rules", "modeling/FormRulesOnCompletion: each form's rules on completion"),
    CHANGE_COUNTER(
        "change_counter",
        "board/EngineChanges: the board read model's record of which campaigns changed");

    final String key;
    final String what;

    Extra(String key, String what) {
      this.key = key;
      this.what = what;
    }

    /** The extras named in {@code benchmark.lifecycle.extras} (comma-separated keys; "all"). */
    static List<Extra> named(String keys) {
      if (keys == null || keys.isBlank() || keys.equals("all")) {
        return List.of(values());
      }
      if (keys.equals("none")) {
        return List.of();
      }
      List<Extra> extras = new ArrayList<>();
      for (String key : keys.split(",")) {
        extras.add(
            java.util.Arrays.stream(values())
                .filter(extra -> extra.key.equals(key.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No extra called " + key.strip())));
      }
      return extras;
    }
  }

  /** An extra switched off until closed. */
  interface Off extends AutoCloseable {
    @Override
    void close();
  }

  private final ProcessEngine app;
  private final ProcessEngineConfigurationImpl configuration;
  private final Map<String, Object> recorded;

  /**
   * @param recorded what the application's start listener records, set instead when intake is off
   */
  LifecycleExtras(ProcessEngine app, Map<String, Object> recorded) {
    this.app = app;
    this.configuration = (ProcessEngineConfigurationImpl) app.getProcessEngineConfiguration();
    this.recorded = recorded;
  }

  Off off(Extra extra) {
    return switch (extra) {
      case AUTHORIZATION -> {
        boolean was = configuration.isAuthorizationEnabled();
        configuration.setAuthorizationEnabled(false);
        yield () -> configuration.setAuthorizationEnabled(was);
      }
      case LABELS ->
          withoutTaskListeners(extra, ofClass("org.pathtovictory.board.CampaignOnEveryTask"));
      case NOTIFICATION ->
          withoutTaskListeners(
              extra, ofClass("org.pathtovictory.notification.TaskNotificationPlugin"));
      case UNSUBSCRIBE_LINK -> UnsubscribeLinksSwitch.off()::run;
      case LISTENERS ->
          withoutTaskListeners(
              extra, listener -> listener instanceof DelegateExpressionTaskListener);
      case FORM_RULES ->
          withoutTaskListeners(extra, ofClass("org.pathtovictory.modeling.FormRulesOnCompletion"));
      case INTAKE -> withoutIntake();
      case CHANGE_COUNTER -> withoutChangeCounter();
    };
  }

  private static Predicate<Object> ofClass(String className) {
    // a lambda's class is named after the class that wrote it
    return listener -> listener.getClass().getName().startsWith(className);
  }

  /**
   * Takes the matching task listeners off every user task of the latest definitions (from the
   * engine's cache, which the engine reads when it creates and completes tasks).
   */
  private Off withoutTaskListeners(Extra extra, Predicate<Object> matches) {
    List<Runnable> undo = new ArrayList<>();
    int removed = 0;
    for (ActivityImpl activity : userTasks()) {
      TaskDefinition task =
          ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
      Set<String> events = new HashSet<>(task.getTaskListeners().keySet());
      events.addAll(task.getBuiltinTaskListeners().keySet());
      for (String event : events) {
        for (List<TaskListener> listeners :
            List.of(
                nullToEmpty(task.getTaskListenersForEvent(event)),
                nullToEmpty(task.getBuiltinTaskListenersForEvent(event)),
                nullToEmpty(task.getAllTaskListenersForEvent(event)))) {
          List<TaskListener> before = new ArrayList<>(listeners);
          if (listeners.removeIf(matches::test)) {
            removed += before.size() - listeners.size();
            undo.add(
                () -> {
                  listeners.clear();
                  listeners.addAll(before);
                });
          }
        }
      }
    }
    if (removed == 0) {
      throw new IllegalStateException("Found no task listener of the extra " + extra.key);
    }
    return () -> undo.forEach(Runnable::run);
  }

  private static List<TaskListener> nullToEmpty(List<TaskListener> listeners) {
    return listeners == null ? new ArrayList<>() : listeners;
  }

  /** The campaign's start listener replaced by what the bare engine's no-op does. */
  private Off withoutIntake() {
    List<Runnable> undo = new ArrayList<>();
    for (ActivityImpl activity : activities(activity -> true)) {
      List<DelegateListener<? extends BaseDelegateExecution>> listeners =
          activity.getListeners(ExecutionListener.EVENTNAME_START);
      List<DelegateListener<? extends BaseDelegateExecution>> before = new ArrayList<>(listeners);
      for (int i = 0; i < listeners.size(); i++) {
        if (listeners.get(i) instanceof DelegateExpressionExecutionListener delegate
            && delegate.getExpressionText().equals("${recordEndorsement}")) {
          listeners.set(i, (ExecutionListener) execution -> execution.setVariables(recorded));
          undo.add(
              () -> {
                listeners.clear();
                listeners.addAll(before);
              });
        }
      }
    }
    if (undo.isEmpty()) {
      throw new IllegalStateException("Found no ${recordEndorsement} start listener");
    }
    return () -> undo.forEach(Runnable::run);
  }

  /**
   * The engine's history handlers without the board read model's change record (the database's
   * handler stays).
   */
  private Off withoutChangeCounter() {
    HistoryEventHandler was = configuration.getHistoryEventHandler();
    List<HistoryEventHandler> others =
        new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    if (!others.removeIf(ofClass("org.pathtovictory.board.EngineChanges"))
        || !configuration.isEnableDefaultDbHistoryEventHandler()) {
      throw new IllegalStateException("Found no board.EngineChanges among the history handlers");
    }
    configuration.setHistoryEventHandler(new CompositeDbHistoryEventHandler(others));
    return () -> configuration.setHistoryEventHandler(was);
  }

  private List<ActivityImpl> userTasks() {
    return activities(
        activity -> activity.getActivityBehavior() instanceof UserTaskActivityBehavior);
  }

  /** The matching activities of the latest definitions, as the engine's cache holds them. */
  private List<ActivityImpl> activities(Predicate<ActivityImpl> matches) {
    List<ActivityImpl> found = new ArrayList<>();
    RepositoryServiceImpl repository = (RepositoryServiceImpl) app.getRepositoryService();
    repository.createProcessDefinitionQuery().latestVersion().list().stream()
        .map(
            definition ->
                (ProcessDefinitionImpl) repository.getDeployedProcessDefinition(definition.getId()))
        .forEach(definition -> collect(definition, matches, found));
    return found;
  }

  private static void collect(
      ScopeImpl scope, Predicate<ActivityImpl> matches, List<ActivityImpl> found) {
    for (ActivityImpl activity : scope.getActivities()) {
      if (matches.test(activity)) {
        found.add(activity);
      }
      collect(activity, matches, found);
    }
  }
}
