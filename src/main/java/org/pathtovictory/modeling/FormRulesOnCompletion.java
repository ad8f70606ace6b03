package org.pathtovictory.modeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Every user task of every model checks its submitted values against its Camunda Form's rules
 * before it completes, whether it is completed from Tasklist, the REST API or Java. Organizers do
 * not need to add anything to their models: the listener is attached when a model is deployed, and
 * runs before the model's own listeners.
 */
@Component
class FormRulesOnCompletion extends AbstractProcessEnginePlugin implements TaskListener {

  private final ObjectMapper objectMapper;
  private final FormService formService;

  FormRulesOnCompletion(ObjectMapper objectMapper, @Lazy FormService formService) {
    this.objectMapper = objectMapper;
    this.formService = formService;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration
        .getCustomPreBPMNParseListeners()
        .add(
            new AbstractBpmnParseListener() {
              @Override
              public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                  userTask
                      .getTaskDefinition()
                      .addBuiltInTaskListener(
                          TaskListener.EVENTNAME_COMPLETE, FormRulesOnCompletion.this);
                }
              }
            });
  }

  @Override
  public void notify(DelegateTask task) {
    JsonNode form = form(task);
    if (form == null) {
      return;
    }
    List<Problem> problems = FormRules.check(form, task::getVariable);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private JsonNode form(DelegateTask task) {
    if (task.getBpmnModelElementInstance() == null
        || task.getBpmnModelElementInstance().getCamundaFormRef() == null) {
      return null;
    }
    try (InputStream in =
        Context.getCommandContext()
            .runWithoutAuthorization(() -> formService.getDeployedTaskForm(task.getId()))) {
      return objectMapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the form of task " + task.getName(), e);
    }
  }
}
