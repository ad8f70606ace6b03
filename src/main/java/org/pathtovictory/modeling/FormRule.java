package org.pathtovictory.modeling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;

/**
 * Forms: a form's id is its file name, every field has a type, a label and a unique key; every form
 * a start event or a user task names exists, with a binding. Records the forms a process uses and
 * the variables their fields set.
 */
final class FormRule implements Rule {
  private static final String DEPLOYMENT_FORM = "camunda-forms:deployment:";

  @Override
  public void form(CheckRun run, String resource, JsonNode form) {
    String fileId = ModelText.fileName(resource).replaceFirst("\\.form$", "");
    String id = form.path("id").asText("");
    if (!id.equals(fileId)) {
      run.problem(
          resource,
          null,
          "the form's id is “" + id + "” but must be its file name “" + fileId + "”");
    }
    Map<String, Integer> keys = new LinkedHashMap<>();
    checkComponents(run, resource, form.path("components"), keys);
    keys.forEach(
        (key, count) -> {
          if (count > 1) {
            run.problem(
                resource,
                key,
                "the field key “" + key + "” is used " + count + " times; each must be unique");
          }
        });
  }

  private void checkComponents(
      CheckRun run, String resource, JsonNode components, Map<String, Integer> keys) {
    for (JsonNode component : components) {
      if (!component.isObject() || !component.path("type").isTextual()) {
        run.problem(resource, null, "a field of the form has no type (textfield, select, ...)");
        continue;
      }
      if (component.hasNonNull("key")) {
        String key = component.path("key").asText();
        keys.merge(key, 1, Integer::sum);
        String label = component.path("label").asText(component.path("dateLabel").asText(""));
        if (label.isBlank()) {
          run.problem(
              resource, key, "the field has no label, so volunteers cannot tell what it asks");
        }
      }
      if (component.has("components")) {
        checkComponents(run, resource, component.path("components"), keys);
      }
    }
  }

  @Override
  public void flowNode(BpmnFile file, FlowNode node, ProcessFacts facts) {
    CheckRun run = file.run();
    String label = ModelText.label(node);
    if (node instanceof StartEvent start && start.getCamundaFormRef() != null) {
      if (start.getCamundaFormRefBinding() == null) {
        file.problem(
            label, "the start form has no binding: choose which version to use (Binding › latest)");
      }
      if (!run.formExists(start.getCamundaFormRef())) {
        file.problem(
            label,
            "uses the form “"
                + start.getCamundaFormRef()
                + "”, which is neither in this deployment nor deployed before");
      }
      facts.formsUsed.add(start.getCamundaFormRef());
      facts.variables.addAll(run.formKeys(start.getCamundaFormRef()));
    }
    if (node instanceof StartEvent start && start.getCamundaInitiator() != null) {
      facts.variables.add(start.getCamundaInitiator());
    }
    if (node instanceof UserTask task) {
      checkUserTaskForm(file, task, facts);
    }
    for (CamundaFormField field : node.getChildElementsByType(CamundaFormField.class)) {
      facts.variables.add(field.getCamundaId());
    }
  }

  private void checkUserTaskForm(BpmnFile file, UserTask task, ProcessFacts facts) {
    CheckRun run = file.run();
    String label = ModelText.label(task);
    String formRef = task.getCamundaFormRef();
    String formKey = task.getCamundaFormKey();
    if (formRef == null && formKey == null) {
      file.problem(label, "has no form: choose one of the forms in forms/ (Form › Form reference)");
    } else if (formRef != null && !ExpressionCheck.isExpression(formRef)) {
      facts.formsUsed.add(formRef);
      facts.variables.addAll(run.formKeys(formRef));
      if (task.getCamundaFormRefBinding() == null) {
        file.problem(
            label,
            "the form “"
                + formRef
                + "” has no binding: choose which version to use (Binding › latest)");
      }
      boolean sameDeploymentOnly = "deployment".equals(task.getCamundaFormRefBinding());
      if (sameDeploymentOnly ? !run.forms.containsKey(formRef) : !run.formExists(formRef)) {
        file.problem(
            label,
            "uses the form “"
                + formRef
                + "”, which is neither in this deployment nor deployed before");
      }
    } else if (formKey != null
        && formKey.startsWith(DEPLOYMENT_FORM)
        && !run.hasResource(formKey.substring(DEPLOYMENT_FORM.length()))) {
      file.problem(label, "uses the form file “" + formKey + "”, which is not in this deployment");
    }
  }
}
