package org.pathtovictory.board;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * What this node's engine committed: every history event (the engine writes one for each change to
 * a process, task or variable) notes its root process instance, and once the transaction commits
 * those instances go to whoever listens (the board's read model, {@link CampaignRows}, rewrites
 * their campaigns' rows).
 */
@Component
class EngineChanges extends AbstractProcessEnginePlugin implements HistoryEventHandler {

  /** The command on this thread and the root instances it changed so far (one listener each). */
  private record Changed(CommandContext command, Set<String> roots) {}

  private final ThreadLocal<Changed> counting = new ThreadLocal<>();

  private volatile Consumer<Set<String>> committed = roots -> {};

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = new ArrayList<>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(this);
    // the engine's own database handler stays on (enableDefaultDbHistoryEventHandler)
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /** Who hears of the root process instances each committed transaction changed. */
  void onCommit(Consumer<Set<String>> listener) {
    this.committed = listener;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    changed(List.of(event));
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    changed(events);
  }

  private void changed(List<HistoryEvent> events) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return;
    }
    Changed current = counting.get();
    if (current == null || current.command() != command) {
      current = new Changed(command, new HashSet<>());
      register(current);
    }
    for (HistoryEvent event : events) {
      String root =
          event.getRootProcessInstanceId() != null
              ? event.getRootProcessInstanceId()
              : event.getProcessInstanceId();
      if (root != null) {
        current.roots().add(root);
      }
    }
  }

  private void register(Changed changed) {
    counting.set(changed);
    // told after the commit, so nobody reads the old state and keeps it as the new one
    var transaction = changed.command().getTransactionContext();
    transaction.addTransactionListener(
        TransactionState.COMMITTED,
        done -> {
          counting.remove();
          if (!changed.roots().isEmpty()) {
            committed.accept(Set.copyOf(changed.roots()));
          }
        });
    transaction.addTransactionListener(
        TransactionState.ROLLED_BACK, rolledBack -> counting.remove());
  }
}
