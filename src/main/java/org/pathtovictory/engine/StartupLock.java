package org.pathtovictory.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Start-up work that writes shared rows (the administrator, the role groups and their grants) and
 * that several nodes may do at the same moment on a fresh database. It runs in one transaction that
 * first takes Camunda's own deployment lock (a row lock on {@code ACT_GE_PROPERTY
 * 'deployment.lock'}, the one that serializes deployments), so the second node waits, then finds
 * everything in place instead of failing on a duplicate key.
 */
public class StartupLock {

  private final ProcessEngineConfigurationImpl engine;
  private final TransactionTemplate transaction;

  public StartupLock(
      ProcessEngineConfigurationImpl engine, PlatformTransactionManager transactionManager) {
    this.engine = engine;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** Runs {@code work} (engine service calls join the transaction) while holding the lock. */
  public <T> T run(Supplier<T> work) {
    return transaction.execute(
        status -> {
          engine
              .getCommandExecutorTxRequired()
              .execute(
                  context -> {
                    context.getPropertyManager().acquireExclusiveLock();
                    return null;
                  });
          return work.get();
        });
  }

  public void run(Runnable work) {
    run(
        () -> {
          work.run();
          return null;
        });
  }
}
