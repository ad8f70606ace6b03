package org.pathtovictory.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Every user task carries its campaign's candidate and race as task variables, which Tasklist lists
 * under the task's name (the filters' {@code variables}). Copied onto the task because a volunteer
 * may read their task but, on purpose, not the whole process instance (the national team sees only
 * its own tasks): Camunda shows a filter's variables only where the viewer may read them. Added to
 * every model on parsing, so organizers add nothing to their models. The copies have names of their
 * own ({@link #LABELS}): under the process variables' names they would hide those from the task's
 * form, which would then show the name as it was when the task began, not as corrected since.
 *
 * <p>The copies have no history of their own ({@link FullWithoutLabels}): the process variables
 * they copy keep theirs, and the history rows of two copies per task were a good part of what the
 * application writes beyond the engine (issue 26, {@code lifecycle.breakdown}).
 */
@Component
class CampaignOnEveryTask extends AbstractProcessEnginePlugin {

  /** Process variable → the task variable Tasklist's lists show. */
  static final Map<String, String> LABELS =
      Map.of("candidateName", "campaignCandidate", "race", "campaignRace");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    TaskListener label = CampaignOnEveryTask::label;
    listeners.add(
        new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
              userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, label);
            }
          }
        });
    List<HistoryLevel> levels = new ArrayList<>();
    if (configuration.getCustomHistoryLevels() != null) {
      levels.addAll(configuration.getCustomHistoryLevels());
    }
    levels.add(new FullWithoutLabels());
    configuration.setCustomHistoryLevels(levels);
  }

  static void label(DelegateTask task) {
    LABELS.forEach(
        (name, label) -> {
          Object value = task.getExecution() == null ? null : task.getExecution().getVariable(name);
          if (value instanceof String text) {
            task.setVariableLocal(label, text);
          }
        });
  }

  /**
   * Camunda's full history without the rows of the label copies. The same level as Camunda's "full"
   * (id and name, so the level the database recorded still matches): of two levels with the
   * configured name the engine takes the last, a custom one.
   */
  static final class FullWithoutLabels extends HistoryLevelFull {

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      return !(entity instanceof VariableInstanceEntity variable
          && variable.getTaskId() != null
          && LABELS.containsValue(variable.getName()));
    }

    /** Equal to Camunda's "full", which the engine asks e.g. before deleting history details. */
    @Override
    public boolean equals(Object other) {
      return other instanceof HistoryLevel level && level.getId() == getId();
    }

    @Override
    public int hashCode() {
      return getId();
    }
  }
}
