package org.pathtovictory.notification;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every model "create" and "assignment" listeners that record its
 * notifications, so organizers editing a model never add anything for email. They run after the
 * model's own task listeners (which may still set the assignee or candidates).
 */
@Component
class TaskNotificationPlugin extends AbstractProcessEnginePlugin {

  // the notifications need the engine's services, which exist only after this plugin ran
  private final ObjectProvider<TaskNotifications> notifications;

  TaskNotificationPlugin(ObjectProvider<TaskNotifications> notifications) {
    this.notifications = notifications;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    TaskListener created = task -> notifications.getObject().taskCreated(task);
    TaskListener assigned = task -> notifications.getObject().taskAssigned(task);
    listeners.add(
        new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
              userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, created);
              userTask
                  .getTaskDefinition()
                  .addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, assigned);
            }
          }
        });
  }
}
