package org.pathtovictory.modeling;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The one list of beans models may call: every bean annotated {@link ModelBean}, read from the bean
 * definitions (no bean is created early). What each offers to expressions is its own public
 * methods; what it sets is declared on its annotation.
 */
@Component
class ModelBeans {

  /** One model bean: its public methods (and bean properties) and the variables it sets. */
  record Entry(String name, Class<?> type, Set<String> members, Set<String> sets) {}

  private final ConfigurableListableBeanFactory beanFactory;
  private final Map<String, Entry> entries;

  ModelBeans(ConfigurableListableBeanFactory beanFactory) {
    this.beanFactory = beanFactory;
    Map<String, Entry> found = new LinkedHashMap<>();
    for (String name : beanFactory.getBeanNamesForAnnotation(ModelBean.class)) {
      Class<?> type = ClassUtils.getUserClass(beanFactory.getType(name));
      ModelBean annotation = beanFactory.findAnnotationOnBean(name, ModelBean.class);
      refuseLeakingBean(name, type);
      found.put(
          name,
          new Entry(
              name,
              type,
              members(type),
              Set.copyOf(Arrays.asList(annotation == null ? new String[0] : annotation.sets()))));
    }
    this.entries = Collections.unmodifiableMap(found);
  }

  boolean isModelBean(String name) {
    return entries.containsKey(name);
  }

  Entry get(String name) {
    return entries.get(name);
  }

  Set<String> names() {
    return entries.keySet();
  }

  /** Any bean of the application, model bean or not: a model naming one is refused. */
  boolean isApplicationBean(String name) {
    return beanFactory.containsBean(name);
  }

  /**
   * The model beans as the engine's bean map: the engine resolves names only through it, and a bean
   * is created only when an expression first uses it.
   */
  Map<Object, Object> asEngineBeans() {
    return new AbstractMap<>() {
      @Override
      public boolean containsKey(Object key) {
        return key instanceof String name && entries.containsKey(name);
      }

      @Override
      public Object get(Object key) {
        return containsKey(key) ? beanFactory.getBean((String) key) : null;
      }

      @Override
      public Set<Entry<Object, Object>> entrySet() {
        return entries.keySet().stream()
            .map(name -> Map.entry((Object) name, beanFactory.getBean(name)))
            .collect(Collectors.toSet());
      }
    };
  }

  private static Set<String> members(Class<?> type) {
    Set<String> members = new TreeSet<>();
    for (Method method : type.getMethods()) {
      if (method.getDeclaringClass() == Object.class || Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      members.add(method.getName());
      String name = method.getName();
      if (method.getParameterCount() == 0 && name.length() > 3 && name.startsWith("get")) {
        members.add(Character.toLowerCase(name.charAt(3)) + name.substring(4));
      } else if (method.getParameterCount() == 0 && name.length() > 2 && name.startsWith("is")) {
        members.add(Character.toLowerCase(name.charAt(2)) + name.substring(3));
      }
    }
    return members;
  }

  /**
   * Checked at start-up: a model bean must not hand out what models may not reach (the engine's
   * services, the data source, the application context) through a public method.
   */
  private static void refuseLeakingBean(String name, Class<?> type) {
    for (Method method : type.getMethods()) {
      Class<?> returned = method.getReturnType();
      if (DataSource.class.isAssignableFrom(returned)
          || ApplicationContext.class.isAssignableFrom(returned)
          || returned.getName().startsWith("org.camunda.bpm.engine.")
              && returned.isInterface()
              && returned.getSimpleName().endsWith("Service")
          || org.camunda.bpm.engine.ProcessEngine.class.isAssignableFrom(returned)) {
        throw new IllegalStateException(
            "Model bean '"
                + name
                + "' hands out "
                + returned.getSimpleName()
                + " through "
                + method.getName()
                + "(): models must not reach it");
      }
    }
  }
}
