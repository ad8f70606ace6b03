package org.pathtovictory.engine;

import java.util.Set;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * The engine must not start before Liquibase has created or upgraded its schema ({@code
 * schema-update} is off). Registered in {@code META-INF/spring.factories}.
 */
public class EngineAfterDatabaseInitialization
    extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(ProcessEngineFactoryBean.class);
  }
}
