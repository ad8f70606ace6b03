package org.pathtovictory.modeling;

import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ArtifactFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.scripting.engine.DefaultScriptEngineResolver;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptingEngines;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * What keeps a model from running code even if one got past the deployment check (e.g. written to
 * the database by hand): expressions resolve only the model beans and never reach the engine's
 * objects or Java's reflection, no script runs, and no Java class named in a model is created.
 */
@Component
class ModelSandbox extends AbstractProcessEnginePlugin {

  /** Objects an expression may hand to a model bean but never read or call into. */
  private static final List<Class<?>> SEALED =
      List.of(
          VariableScope.class,
          ProcessEngineServices.class,
          ProcessEngine.class,
          ProcessEngineConfiguration.class,
          CommandContext.class,
          ApplicationContext.class,
          DataSource.class,
          Class.class,
          ClassLoader.class,
          Runtime.class,
          ProcessBuilder.class,
          Thread.class);

  private final ModelBeans modelBeans;
  private final ApplicationContext applicationContext;

  ModelSandbox(ModelBeans modelBeans, ApplicationContext applicationContext) {
    this.modelBeans = modelBeans;
    this.applicationContext = applicationContext;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    Map<Object, Object> beans = modelBeans.asEngineBeans();
    // SpringExpressionManager resolves names through this map alone once it is set (instead of
    // the whole application context), and so do scripts' bindings
    configuration.setBeans(beans);
    configuration.setExpressionManager(new SandboxedExpressionManager(applicationContext, beans));
    configuration.setScriptingEngines(new NoScripts());
    configuration.setArtifactFactory(new NoClasses());
  }

  static boolean refused(Object base, Object member) {
    if (base == null) {
      return false;
    }
    if (member instanceof String name && ExpressionCheck.REFUSED_MEMBERS.contains(name)) {
      return true;
    }
    if (base instanceof org.camunda.bpm.engine.delegate.DelegateExecution
        && ExpressionCheck.BUSINESS_KEY.equals(member)) {
      return false;
    }
    if (base.getClass().getName().startsWith("java.lang.reflect.")) {
      return true;
    }
    for (Class<?> sealed : SEALED) {
      if (sealed.isInstance(base)) {
        return true;
      }
    }
    return isEngineService(base);
  }

  private static boolean isEngineService(Object base) {
    for (Class<?> type = base.getClass(); type != null; type = type.getSuperclass()) {
      for (Class<?> contract : type.getInterfaces()) {
        if (contract.getName().startsWith("org.camunda.bpm.engine.")
            && contract.getSimpleName().endsWith("Service")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Spring's expression manager with a guard in front of every resolver. */
  static class SandboxedExpressionManager extends SpringExpressionManager {

    SandboxedExpressionManager(ApplicationContext context, Map<Object, Object> beans) {
      super(context, beans);
    }

    @Override
    protected ELResolver createElResolver() {
      CompositeELResolver resolver = new CompositeELResolver();
      resolver.add(new Guard());
      resolver.add(super.createElResolver());
      return resolver;
    }
  }

  /** Refuses reading, writing or calling into a sealed object; resolves nothing itself. */
  static class Guard extends ELResolver {

    private static void refuse(Object base, Object member) {
      if (refused(base, member)) {
        throw new ProcessEngineException(
            "A model expression tried to reach "
                + member
                + " of an object that models may not use; it was stopped");
      }
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      refuse(base, property);
      return null;
    }

    @Override
    public Object invoke(
        ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
      refuse(base, method);
      return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      refuse(base, property);
      return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
      refuse(base, property);
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
      refuse(base, property);
      return false;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
      return Collections.emptyIterator();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return null;
    }
  }

  /** No script engine for any language, also for DMN; a script in a model fails, harmlessly. */
  static class NoScripts extends ScriptingEngines {
    NoScripts() {
      super(new DefaultScriptEngineResolver(new ScriptEngineManager(null)));
    }

    @Override
    public ScriptEngine getScriptEngineForLanguage(String language) {
      throw new ProcessEngineException(
          "Models may not run scripts (" + language + "); the script was not run");
    }
  }

  /** Creates no class a model names (delegates, listeners, shell and mail tasks). */
  static class NoClasses implements ArtifactFactory {
    @Override
    public <T> T getArtifact(Class<T> type) {
      throw new ProcessEngineException(
          "Models may not run Java classes (" + type.getSimpleName() + "); it was not created");
    }
  }
}
