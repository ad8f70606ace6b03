package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conventions every model in {@code processes/} keeps, also after an organizer edits it in
 * Camunda Modeler: readable ids, a label on every element, history time to live, no dangling or
 * implicit flows, and for every user task a form that exists, a role and a due date.
 */
class ModelConventionsTest {

  static Stream<Path> models() throws IOException {
    return Files.list(Path.of("processes")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
  }

  static Stream<Path> forms() throws IOException {
    return Files.list(Path.of("forms")).filter(p -> p.toString().endsWith(".form")).sorted();
  }

  /** A form's id is its file name, every field is labelled, and some model uses it. */
  @ParameterizedTest
  @MethodSource("forms")
  void formIsNamedLabelledAndUsed(Path file) throws IOException {
    var form = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
    String id = file.getFileName().toString().replace(".form", "");
    assertThat(form.path("id").asText()).isEqualTo(id);
    form.path("components")
        .forEach(
            component -> {
              if (component.has("key")) {
                assertThat(component.path("label").asText(component.path("dateLabel").asText()))
                    .as(id + " field " + component.path("key").asText())
                    .isNotBlank();
              }
            });
    boolean used;
    try (Stream<Path> models = models()) {
      used =
          models.anyMatch(
              model -> {
                try {
                  return Files.readString(model).contains("\"" + id + "\"");
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
    assertThat(used).as(id + " is referenced by a model").isTrue();
  }

  @ParameterizedTest
  @MethodSource("models")
  void followsTheConventions(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    List<String> problems = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable() && process.getCamundaHistoryTimeToLiveString() == null) {
        problems.add(process.getId() + ": no historyTimeToLive");
      }
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String id = node.getId();
      if (!id.matches("[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]+")) {
        problems.add(id + ": id is not readable (Type_WhatItDoes)");
      }
      if (node.getName() == null || node.getName().isBlank()) {
        problems.add(id + ": no label");
      }
      boolean startsFlow =
          node instanceof StartEvent
              || node instanceof BoundaryEvent
              || (node instanceof SubProcess sub && sub.triggeredByEvent());
      if (!startsFlow && node.getIncoming().isEmpty()) {
        problems.add(id + ": nothing flows into it");
      }
      if (!(node instanceof EndEvent)
          && !(node instanceof SubProcess sub && sub.triggeredByEvent())
          && node.getOutgoing().isEmpty()) {
        problems.add(id + ": nothing flows out of it (implicit end)");
      }
      if (node instanceof ExclusiveGateway gateway && gateway.getOutgoing().size() > 1) {
        for (SequenceFlow flow : gateway.getOutgoing()) {
          if (flow.getConditionExpression() == null && gateway.getDefault() != flow) {
            problems.add(flow.getId() + ": leaves a decision without a condition");
          }
        }
      }
      if (node instanceof UserTask task) {
        if (task.getCamundaFormRef() == null
            || !Files.exists(Path.of("forms", task.getCamundaFormRef() + ".form"))) {
          problems.add(id + ": no form in forms/ (" + task.getCamundaFormRef() + ")");
        }
        if (task.getCamundaCandidateGroups() == null && task.getCamundaAssignee() == null) {
          problems.add(id + ": no role (candidate group) or assignee");
        }
        if (task.getCamundaDueDate() == null) {
          problems.add(id + ": no due date");
        }
      }
    }
    assertThat(problems).as(file.toString()).isEmpty();
  }
}
