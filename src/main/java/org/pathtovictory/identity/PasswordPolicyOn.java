package org.pathtovictory.identity;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Camunda's password policy (at least 10 characters with a lower and an upper case letter, a digit
 * and a special character; not the user's name or id), for every password a person sets: through an
 * invitation, in Camunda Admin, over the REST API. Login attempts are throttled by the engine
 * ({@code login-*} settings in {@code application.yaml}).
 *
 * <p>Switched on once the engine is built, after the administrator from the configuration exists
 * (that password is the operator's to choose); the demo identities of the {@code demo} profile keep
 * their contract password {@code demo} ({@link DemoIdentities}).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class PasswordPolicyOn extends AbstractProcessEnginePlugin {

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    var configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    if (configuration.getPasswordPolicy() == null) {
      configuration.setPasswordPolicy(new DefaultPasswordPolicyImpl());
    }
    configuration.setEnablePasswordPolicy(true);
  }
}
