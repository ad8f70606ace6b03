package org.pathtovictory.board;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * A counter that moves whenever this node's engine commits a change to a process, task or variable:
 * every history event (the engine writes one for each of these) registers a step of the counter for
 * after its transaction commits. The board keeps what it computed while the counter stands still
 * ({@link CampaignBoard}); a change on another node of a cluster shows after the board's time limit
 * instead.
 */
@Component
class EngineChanges extends AbstractProcessEnginePlugin implements HistoryEventHandler {

  private final AtomicLong version = new AtomicLong();

  /** The command on this thread that already counts a change at its end (one listener each). */
  private final ThreadLocal<CommandContext> counting = new ThreadLocal<>();

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

  /** The current value; a different value later means something changed in between. */
  long version() {
    return version.get();
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    changed();
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    changed();
  }

  private void changed() {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      version.incrementAndGet();
      return;
    }
    if (counting.get() == command) {
      return;
    }
    counting.set(command);
    // counted after the commit, so nobody reads the old state and keeps it as the new one
    var transaction = command.getTransactionContext();
    transaction.addTransactionListener(
        TransactionState.COMMITTED,
        committed -> {
          counting.remove();
          version.incrementAndGet();
        });
    transaction.addTransactionListener(
        TransactionState.ROLLED_BACK, rolledBack -> counting.remove());
  }
}
