package org.pathtovictory.modeling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * One check of one deployment: reads its files (a file that cannot be read is itself a problem),
 * holds what rules look up across files (forms, processes, decisions, what was deployed before) and
 * collects the problems.
 */
final class CheckRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, byte[]> resources;
  private final ModelCheck.Deployed deployed;
  private final ModelCheck check;
  private final List<ModelProblem> problems = new ArrayList<>();
  final Map<String, JsonNode> forms = new LinkedHashMap<>(); // form id -> form
  final Map<String, String> formResources = new HashMap<>(); // form id -> file
  final Map<String, ProcessFacts> processes = new LinkedHashMap<>(); // in this deployment
  final Map<String, DmnModelInstance> decisions = new LinkedHashMap<>(); // file -> model
  final Set<String> decisionKeys = new HashSet<>();

  CheckRun(Map<String, byte[]> resources, ModelCheck.Deployed deployed, ModelCheck check) {
    this.resources = resources;
    this.deployed = deployed;
    this.check = check;
  }

  ModelCheck.Deployed deployed() {
    return deployed;
  }

  boolean hasResource(String name) {
    return resources.containsKey(name);
  }

  List<ModelProblem> problems() {
    return problems;
  }

  void problem(String resource, String element, String reason) {
    problems.add(new ModelProblem(resource, element, reason));
  }

  // ---------------------------------------------------------------- forms

  void readForms(List<Rule> rules) {
    resources.forEach(
        (name, bytes) -> {
          if (ModelCheck.isForm(name)) {
            readForm(name, bytes, rules);
          }
        });
  }

  private void readForm(String name, byte[] bytes, List<Rule> rules) {
    JsonNode form;
    try {
      form = JSON.readTree(bytes);
    } catch (IOException e) {
      String where =
          e instanceof JsonProcessingException parse && parse.getLocation() != null
              ? " (line " + parse.getLocation().getLineNr() + ")"
              : "";
      problem(name, null, "is not a Camunda Form: its content is not valid JSON" + where);
      return;
    }
    if (form == null || !form.isObject() || !form.path("components").isArray()) {
      problem(name, null, "is not a Camunda Form: it has no list of fields (components)");
      return;
    }
    rules.forEach(rule -> rule.form(this, name, form));
    String id = form.path("id").asText("");
    if (!id.isBlank()) {
      forms.put(id, form);
      formResources.put(id, name);
    }
  }

  /** The field keys of a form of this deployment or deployed before; empty if there is none. */
  Set<String> formKeys(String formId) {
    JsonNode form = forms.get(formId);
    if (form == null) {
      byte[] bytes = deployed.form(formId);
      if (bytes != null) {
        try {
          form = JSON.readTree(bytes);
        } catch (IOException e) {
          form = null;
        }
      }
    }
    Set<String> keys = new LinkedHashSet<>();
    if (form != null) {
      collectKeys(form.path("components"), keys);
    }
    return keys;
  }

  private static void collectKeys(JsonNode components, Set<String> keys) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        keys.add(component.path("key").asText());
      }
      collectKeys(component.path("components"), keys);
    }
  }

  boolean formExists(String formId) {
    return forms.containsKey(formId) || deployed.form(formId) != null;
  }

  // ---------------------------------------------------------------- BPMN

  void readProcesses() {
    resources.forEach(
        (name, bytes) -> {
          if (ModelCheck.isBpmn(name)) {
            BpmnModelInstance model;
            try {
              model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
            } catch (RuntimeException e) {
              problem(name, null, "is not a BPMN diagram Camunda can read: " + ModelText.reason(e));
              return;
            }
            check.checkBpmn(register(name, model));
          }
        });
  }

  /** Knows the processes of a BPMN file; executable ones are processes of this deployment. */
  BpmnFile register(String name, BpmnModelInstance model) {
    Map<String, ProcessFacts> here = new LinkedHashMap<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      ProcessFacts facts = new ProcessFacts(process.getId(), name);
      here.put(process.getId(), facts);
      if (process.isExecutable()) {
        processes.put(process.getId(), facts);
      }
    }
    return new BpmnFile(this, name, model, here);
  }

  /**
   * What the newest deployed version of each process uses and sets, for processes this deployment
   * does not replace; read by running the rules on them with their problems left unreported.
   */
  Map<String, ProcessFacts> deployedProcesses() {
    Map<String, ProcessFacts> all = new LinkedHashMap<>();
    deployed
        .latestProcesses()
        .forEach(
            (key, xml) -> {
              if (!processes.containsKey(key)) {
                try {
                  BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
                  CheckRun quiet = new CheckRun(Map.of(), deployed, check);
                  quiet.forms.putAll(forms);
                  check.checkBpmn(quiet.register(key + ".bpmn", model));
                  quiet.processes.values().forEach(p -> all.putIfAbsent(p.key, p));
                } catch (RuntimeException e) {
                  // a deployed model the engine accepted but we cannot read adds nothing
                }
              }
            });
    return all;
  }

  // ---------------------------------------------------------------- DMN

  void readDecisions(List<Rule> rules) {
    resources.forEach(
        (name, bytes) -> {
          if (ModelCheck.isDmn(name)) {
            DmnModelInstance model;
            try {
              model = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
            } catch (RuntimeException e) {
              problem(name, null, "is not a DMN decision Camunda can read: " + ModelText.reason(e));
              return;
            }
            decisions.put(name, model);
            for (Decision decision : model.getModelElementsByType(Decision.class)) {
              decisionKeys.add(decision.getId());
            }
            rules.forEach(rule -> rule.decisions(this, name, model));
          }
        });
  }
}
