package org.pathtovictory.modeling;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring bean that BPMN and DMN expressions may call by its bean name. The engine resolves
 * only these beans in expressions; every other bean (data source, services, configuration) is out
 * of a model's reach, for every deployer.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ModelBean {

  /**
   * The process variables the bean sets, so the deployment check knows a decision reading them gets
   * a value.
   */
  String[] sets() default {};
}
