package org.pathtovictory.engine;

import java.lang.management.ManagementFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The name of this node in a cluster ({@code pathtovictory.node-name}, by default {@code
 * pid@host}): Camunda records it with every job it runs ({@code ACT_HI_JOB_LOG.HOSTNAME_}), the
 * outbox with every mail this node claims, ShedLock with every lock it holds.
 */
@Component
public class NodeName extends AbstractProcessEnginePlugin {

  private final String value;

  NodeName(@Value("${pathtovictory.node-name:}") String configured) {
    this.value =
        configured.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : configured.trim();
  }

  public String value() {
    return value;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHostname(value);
  }
}
