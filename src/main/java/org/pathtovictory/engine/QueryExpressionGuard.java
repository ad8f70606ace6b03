package org.pathtovictory.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.query.Query;
import org.springframework.stereotype.Component;

/**
 * Task queries may carry JUEL expressions ({@code assigneeExpression: "${...}"}), which the engine
 * evaluates. Camunda's own switch ({@code enableExpressionsInAdhocQueries=false}) checks only the
 * top level of an ad-hoc query: expressions inside {@code orQueries} (their sub-queries have no
 * validator), in the extending query of a filter execution (merged into the stored query and
 * validated as stored) and in filters a volunteer saves (executed as stored queries) are evaluated
 * anyway. This interceptor closes all three for every caller that is authenticated and not a
 * Camunda administrator, whichever door they came in by (REST, Tasklist, Java API).
 *
 * <p>Expressions in filters an administrator saved (ours use {@code ${currentUser()}}) still run
 * for every user. Calls without an authenticated user are the application's own code.
 */
@Component
class QueryExpressionGuard extends AbstractProcessEnginePlugin {

  static final String REFUSED =
      "Expressions in task queries and filters are reserved for administrators";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableExpressionsInAdhocQueries(false);
    configuration.setEnableExpressionsInStoredQueries(true);
    configuration.setCustomPostCommandInterceptorsTxRequired(
        withGuard(configuration.getCustomPostCommandInterceptorsTxRequired()));
    configuration.setCustomPostCommandInterceptorsTxRequiresNew(
        withGuard(configuration.getCustomPostCommandInterceptorsTxRequiresNew()));
  }

  private static List<CommandInterceptor> withGuard(List<CommandInterceptor> interceptors) {
    List<CommandInterceptor> result =
        interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    result.add(new Interceptor());
    return result;
  }

  /** Runs inside the command context, so it sees the authenticated user. */
  static class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (!mayUseExpressions()) {
        if (command instanceof TaskQueryImpl query) {
          refuseExpressions(query);
        } else if (command instanceof AbstractExecuteFilterCmd execute) {
          refuseExpressions(field(execute, AbstractExecuteFilterCmd.class, "extendingQuery"));
        } else if (command instanceof SaveFilterCmd save) {
          Filter filter = field(save, SaveFilterCmd.class, "filter");
          refuseExpressions(filter == null ? null : filter.getQuery());
        }
      }
      return next.execute(command);
    }

    private static boolean mayUseExpressions() {
      CommandContext context = Context.getCommandContext();
      Authentication user = context == null ? null : context.getAuthentication();
      return user == null || context.getAuthorizationManager().isCamundaAdmin(user);
    }

    static void refuseExpressions(Query<?, ?> query) {
      if (query instanceof TaskQueryImpl task) {
        // queries.get(0) is the query itself, the others are its orQueries
        List<TaskQueryImpl> all = task.getQueries() == null ? List.of(task) : task.getQueries();
        for (TaskQueryImpl part : all) {
          if (hasExpressions(part)) {
            throw new AuthorizationException(REFUSED);
          }
        }
      } else if (hasExpressions(query)) {
        throw new AuthorizationException(REFUSED);
      }
    }

    private static boolean hasExpressions(Object query) {
      return query instanceof AbstractQuery<?, ?> abstractQuery
          && abstractQuery.getExpressions() != null
          && !abstractQuery.getExpressions().isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <V> V field(Object target, Class<?> owner, String name) {
      try {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return (V) field.get(target);
      } catch (ReflectiveOperationException e) {
        // fail closed: a Camunda upgrade that renames the field must not open the door
        throw new AuthorizationException(REFUSED + " (cannot inspect " + name + ")");
      }
    }
  }
}
