package org.pathtovictory.modeling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.pathtovictory.identity.CampaignRole;
import org.pathtovictory.modeling.ExpressionCheck.Usage;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Every rule a model must keep to be deployed, in one place: the engine runs it on every deployment
 * (start-up, Camunda Modeler, Cockpit), the repository's tests on {@code processes/} and {@code
 * forms/}. It reads the files of a deployment and answers every problem it finds, each named by
 * file, element and a reason an organizer can act on.
 */
final class ModelCheck {

  /** What is already deployed, for references to things not in the deployment itself. */
  interface Deployed {
    boolean hasProcess(String key);

    boolean hasDecision(String key);

    /** The form's JSON, or null when no form of that id is deployed. */
    byte[] form(String formId);

    /** The newest BPMN of every deployed process, by process key. */
    Map<String, byte[]> latestProcesses();

    Deployed NOTHING =
        new Deployed() {
          @Override
          public boolean hasProcess(String key) {
            return false;
          }

          @Override
          public boolean hasDecision(String key) {
            return false;
          }

          @Override
          public byte[] form(String formId) {
            return null;
          }

          @Override
          public Map<String, byte[]> latestProcesses() {
            return Map.of();
          }
        };
  }

  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final java.util.regex.Pattern READABLE_ID =
      java.util.regex.Pattern.compile("[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]+");
  private static final Set<String> ROLES =
      Arrays.stream(CampaignRole.values())
          .map(CampaignRole::groupId)
          .collect(java.util.stream.Collectors.toSet());
  private static final Set<String> DMN_LANGUAGES = Set.of("feel", "juel");

  private final ExpressionCheck expressions;
  private final ModelBeans beans;
  private final ObjectMapper json = new ObjectMapper();
  private final DatatypeFactory durations;

  ModelCheck(ModelBeans beans) {
    this.beans = beans;
    this.expressions = new ExpressionCheck(beans);
    try {
      this.durations = DatatypeFactory.newInstance();
    } catch (DatatypeConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean isBpmn(String name) {
    return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
  }

  static boolean isDmn(String name) {
    return name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
  }

  static boolean isForm(String name) {
    return name.endsWith(".form");
  }

  /** Everything wrong with the deployment of these resources (name to content); empty if none. */
  List<ModelProblem> check(Map<String, byte[]> resources, Deployed deployed) {
    Run run = new Run(new TreeMap<>(resources), deployed);
    run.readForms();
    run.readProcesses();
    run.readDecisions();
    run.checkReferences();
    run.checkFormsUsed();
    run.checkDecisionInputs();
    return List.copyOf(run.problems);
  }

  /** One check of one deployment. */
  private final class Run {
    final Map<String, byte[]> resources;
    final Deployed deployed;
    final List<ModelProblem> problems = new ArrayList<>();
    final Map<String, JsonNode> forms = new LinkedHashMap<>(); // form id -> form
    final Map<String, String> formResources = new HashMap<>(); // form id -> file
    final Map<String, ProcessFacts> processes = new LinkedHashMap<>(); // in this deployment
    final Map<String, DmnModelInstance> decisions = new LinkedHashMap<>(); // file -> model
    final Set<String> decisionKeys = new HashSet<>();

    Run(Map<String, byte[]> resources, Deployed deployed) {
      this.resources = resources;
      this.deployed = deployed;
    }

    void problem(String resource, String element, String reason) {
      problems.add(new ModelProblem(resource, element, reason));
    }

    // ---------------------------------------------------------------- forms

    void readForms() {
      resources.forEach(
          (name, bytes) -> {
            if (isForm(name)) {
              readForm(name, bytes);
            }
          });
    }

    void readForm(String name, byte[] bytes) {
      JsonNode form;
      try {
        form = json.readTree(bytes);
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
      String fileId = fileName(name).replaceFirst("\\.form$", "");
      String id = form.path("id").asText("");
      if (!id.equals(fileId)) {
        problem(
            name, null, "the form's id is “" + id + "” but must be its file name “" + fileId + "”");
      }
      Map<String, Integer> keys = new LinkedHashMap<>();
      checkComponents(name, form.path("components"), keys);
      keys.forEach(
          (key, count) -> {
            if (count > 1) {
              problem(
                  name,
                  key,
                  "the field key “" + key + "” is used " + count + " times; each must be unique");
            }
          });
      if (!id.isBlank()) {
        forms.put(id, form);
        formResources.put(id, name);
      }
    }

    void checkComponents(String name, JsonNode components, Map<String, Integer> keys) {
      for (JsonNode component : components) {
        if (!component.isObject() || !component.path("type").isTextual()) {
          problem(name, null, "a field of the form has no type (textfield, select, ...)");
          continue;
        }
        if (component.hasNonNull("key")) {
          String key = component.path("key").asText();
          keys.merge(key, 1, Integer::sum);
          String label = component.path("label").asText(component.path("dateLabel").asText(""));
          if (label.isBlank()) {
            problem(name, key, "the field has no label, so volunteers cannot tell what it asks");
          }
        }
        if (component.has("components")) {
          checkComponents(name, component.path("components"), keys);
        }
      }
    }

    Set<String> formKeys(String formId) {
      JsonNode form = forms.get(formId);
      if (form == null) {
        byte[] bytes = deployed.form(formId);
        if (bytes != null) {
          try {
            form = json.readTree(bytes);
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

    void collectKeys(JsonNode components, Set<String> keys) {
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

    /** Called processes and decisions exist, in this deployment or deployed before. */
    void checkReferences() {
      for (ProcessFacts facts : processes.values()) {
        for (Call call : facts.calls) {
          if (!processes.containsKey(call.key()) && !deployed.hasProcess(call.key())) {
            problem(
                facts.resource,
                call.label(),
                "calls the process “"
                    + call.key()
                    + "”, which is neither in this deployment nor deployed before");
          }
        }
        facts.decisionRefs.forEach(
            (label, key) -> {
              if (!decisionKeys.contains(key) && !deployed.hasDecision(key)) {
                problem(
                    facts.resource,
                    label,
                    "uses the decision “"
                        + key
                        + "”, which is neither in this deployment nor deployed before");
              }
            });
      }
    }

    void checkFormsUsed() {
      if (processes.isEmpty()) {
        return; // a form deployed alone comes before the model that will use it
      }
      for (String formId : forms.keySet()) {
        boolean used =
            processes.values().stream().anyMatch(p -> p.formsUsed.contains(formId))
                || deployed.latestProcesses().values().stream()
                    .anyMatch(xml -> new String(xml).contains("\"" + formId + "\""));
        if (!used) {
          problem(
              formResources.get(formId),
              null,
              "no model uses the form “" + formId + "”; remove it or use it on a task");
        }
      }
    }

    // ---------------------------------------------------------------- BPMN

    void readProcesses() {
      resources.forEach(
          (name, bytes) -> {
            if (isBpmn(name)) {
              BpmnModelInstance model;
              try {
                model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
              } catch (RuntimeException e) {
                problem(name, null, "is not a BPMN diagram Camunda can read: " + reason(e));
                return;
              }
              checkBpmn(name, model);
            }
          });
    }

    void checkBpmn(String name, BpmnModelInstance model) {
      Map<String, ProcessFacts> here = new LinkedHashMap<>();
      for (Process process : model.getModelElementsByType(Process.class)) {
        ProcessFacts facts = new ProcessFacts(process.getId(), name);
        here.put(process.getId(), facts);
        if (process.isExecutable()) {
          processes.put(process.getId(), facts);
        }
        if (process.isExecutable() && process.getCamundaHistoryTimeToLiveString() == null) {
          problem(
              name,
              label(process),
              "no history time to live: say how long finished campaigns are kept (History"
                  + " cleanup › Time to live, e.g. 1825 days)");
        }
      }
      Element root =
          ((org.w3c.dom.Document) model.getDocument().getDomSource().getNode())
              .getDocumentElement();
      walk(name, root, null, here, model);
      for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
        checkFlowNode(name, node, factsOf(node, here));
      }
      for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
        checkTimer(name, timer);
      }
      for (MessageEventDefinition message :
          model.getModelElementsByType(MessageEventDefinition.class)) {
        if (message.getMessage() == null
            || message.getMessage().getName() == null
            || message.getMessage().getName().isBlank()) {
          problem(
              name,
              label(owner(message)),
              "waits for or sends a message that is not defined (choose a message with a name"
                  + " under Message)");
        }
      }
    }

    ProcessFacts factsOf(ModelElementInstance element, Map<String, ProcessFacts> here) {
      for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
        if (e instanceof Process process) {
          return here.get(process.getId());
        }
      }
      return here.values().stream().findFirst().orElse(new ProcessFacts("", ""));
    }

    void checkFlowNode(String name, FlowNode node, ProcessFacts facts) {
      String id = node.getId();
      String label = label(node);
      if (id == null || !READABLE_ID.matcher(id).matches()) {
        problem(
            name,
            label,
            "the id is not readable: name it Type_WhatItDoes, e.g. Task_DraftPressRelease");
      }
      if (node.getName() == null || node.getName().isBlank()) {
        problem(name, label, "has no label: give it a name that says what happens");
      }
      boolean startsFlow =
          node instanceof StartEvent
              || node instanceof BoundaryEvent
              || (node instanceof SubProcess sub && sub.triggeredByEvent());
      if (!startsFlow && node.getIncoming().isEmpty()) {
        problem(name, label, "nothing flows into it, so it can never be reached");
      }
      if (!(node instanceof EndEvent)
          && !(node instanceof SubProcess sub && sub.triggeredByEvent())
          && node.getOutgoing().isEmpty()) {
        problem(name, label, "nothing flows out of it: end the path with an end event");
      }
      if (node instanceof ExclusiveGateway gateway && gateway.getOutgoing().size() > 1) {
        for (SequenceFlow flow : gateway.getOutgoing()) {
          if (flow.getConditionExpression() == null && gateway.getDefault() != flow) {
            problem(
                name,
                label(flow),
                "leaves the decision “"
                    + (gateway.getName() == null ? gateway.getId() : gateway.getName())
                    + "” without a condition: add one or make it the default flow");
          }
        }
      }
      if (node instanceof StartEvent start && start.getCamundaFormRef() != null) {
        if (start.getCamundaFormRefBinding() == null) {
          problem(
              name,
              label,
              "the start form has no binding: choose which version to use (Binding › latest)");
        }
        if (!formExists(start.getCamundaFormRef())) {
          problem(
              name,
              label,
              "uses the form “"
                  + start.getCamundaFormRef()
                  + "”, which is neither in this deployment nor deployed before");
        }
        facts.formsUsed.add(start.getCamundaFormRef());
        facts.variables.addAll(formKeysLater(start.getCamundaFormRef(), facts));
      }
      if (node instanceof StartEvent start && start.getCamundaInitiator() != null) {
        facts.variables.add(start.getCamundaInitiator());
      }
      if (node instanceof UserTask task) {
        checkUserTask(name, task, facts);
      }
      if (node instanceof CallActivity call) {
        checkCallActivity(name, call, facts);
      }
      if (node instanceof BusinessRuleTask rule) {
        String ref = rule.getCamundaDecisionRef();
        if (ref != null && !ExpressionCheck.isExpression(ref)) {
          facts.decisionsUsed.add(ref);
          facts.decisionRefs.put(label, ref);
        } else if (ref == null || ref.isBlank()) {
          if (rule.getCamundaClass() == null
              && rule.getCamundaDelegateExpression() == null
              && rule.getCamundaExpression() == null) {
            problem(name, label, "uses no decision: choose the decision it takes");
          }
        }
        if (rule.getCamundaResultVariable() != null) {
          facts.variables.add(rule.getCamundaResultVariable());
        }
      }
      for (CamundaFormField field : node.getChildElementsByType(CamundaFormField.class)) {
        facts.variables.add(field.getCamundaId());
      }
    }

    /** Form keys are read once every form of the deployment is known (forms are read first). */
    Set<String> formKeysLater(String formId, ProcessFacts facts) {
      return formKeys(formId);
    }

    void checkUserTask(String name, UserTask task, ProcessFacts facts) {
      String label = label(task);
      String formRef = task.getCamundaFormRef();
      String formKey = task.getCamundaFormKey();
      if (formRef == null && formKey == null) {
        problem(
            name, label, "has no form: choose one of the forms in forms/ (Form › Form reference)");
      } else if (formRef != null && !ExpressionCheck.isExpression(formRef)) {
        facts.formsUsed.add(formRef);
        facts.variables.addAll(formKeys(formRef));
        if (task.getCamundaFormRefBinding() == null) {
          problem(
              name,
              label,
              "the form “"
                  + formRef
                  + "” has no binding: choose which version to use (Binding › latest)");
        }
        boolean sameDeploymentOnly = "deployment".equals(task.getCamundaFormRefBinding());
        if (sameDeploymentOnly ? !forms.containsKey(formRef) : !formExists(formRef)) {
          problem(
              name,
              label,
              "uses the form “"
                  + formRef
                  + "”, which is neither in this deployment nor deployed before");
        }
      } else if (formKey != null
          && formKey.startsWith("camunda-forms:deployment:")
          && !resources.containsKey(formKey.substring("camunda-forms:deployment:".length()))) {
        problem(
            name, label, "uses the form file “" + formKey + "”, which is not in this deployment");
      }
      String groups = task.getCamundaCandidateGroups();
      if (groups == null && task.getCamundaAssignee() == null) {
        problem(name, label, "has no role: choose a candidate group (or a named lead as assignee)");
      }
      if (groups != null && !ExpressionCheck.isExpression(groups)) {
        for (String group : groups.split(",")) {
          if (!ROLES.contains(group.trim())) {
            problem(
                name,
                label,
                "the candidate group “"
                    + group.trim()
                    + "” is not a role; use one of "
                    + String.join(", ", new java.util.TreeSet<>(ROLES)));
          }
        }
      }
      for (org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty property :
          task
              .getChildElementsByType(org.camunda.bpm.model.bpmn.instance.ExtensionElements.class)
              .stream()
              .flatMap(
                  extensions ->
                      extensions
                          .getChildElementsByType(
                              org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class)
                          .stream())
              .flatMap(properties -> properties.getCamundaProperties().stream())
              .toList()) {
        if (CampaignStep.PROPERTY.equals(property.getCamundaName())
            && CampaignStep.ofKind(property.getCamundaValue()).isEmpty()) {
          problem(
              name,
              label,
              "the kind of step “"
                  + property.getCamundaValue()
                  + "” does not exist; choose the step's template again in Camunda Modeler");
        }
      }
      String due = task.getCamundaDueDate();
      if (due == null || due.isBlank()) {
        problem(name, label, "has no due date: set one from the campaign calendar");
      } else if (!ExpressionCheck.isExpression(due) && !isDateTime(due)) {
        problem(
            name,
            label,
            "the due date “" + due + "” is not a date and time (e.g. 2026-10-01T17:00:00)");
      }
    }

    void checkCallActivity(String name, CallActivity call, ProcessFacts facts) {
      String called = call.getCalledElement();
      if (called == null || called.isBlank()) {
        problem(name, label(call), "calls no process: choose the process it starts");
        return;
      }
      if (!ExpressionCheck.isExpression(called)) {
        facts.calls.add(new Call(called, call));
      }
    }

    void checkTimer(String name, TimerEventDefinition timer) {
      String label = label(owner(timer));
      String date = timer.getTimeDate() == null ? null : timer.getTimeDate().getTextContent();
      String duration =
          timer.getTimeDuration() == null ? null : timer.getTimeDuration().getTextContent();
      String cycle = timer.getTimeCycle() == null ? null : timer.getTimeCycle().getTextContent();
      if (blank(date) && blank(duration) && blank(cycle)) {
        problem(name, label, "the timer has no time: set a date, a duration or a cycle");
        return;
      }
      if (!blank(date) && !ExpressionCheck.isExpression(date) && !isDateTime(date.trim())) {
        problem(
            name,
            label,
            "the timer date “"
                + date.trim()
                + "” is not a date and time (e.g. 2026-10-01T17:00:00)");
      }
      if (!blank(duration)
          && !ExpressionCheck.isExpression(duration)
          && !isDuration(duration.trim())) {
        problem(
            name,
            label,
            "the timer duration “"
                + duration.trim()
                + "” is not an ISO 8601 duration (e.g. P7D for 7 days, PT4H for 4 hours)");
      }
      if (!blank(cycle) && !ExpressionCheck.isExpression(cycle) && !isCycle(cycle.trim())) {
        problem(
            name,
            label,
            "the timer cycle “"
                + cycle.trim()
                + "” is not an ISO 8601 repetition (e.g. R/P7D for every 7 days)");
      }
    }

    /**
     * Walks every XML element: expressions in attributes and text are read as expressions, and
     * anything that would run code (scripts, Java classes, connectors, shell or mail tasks) is
     * refused, wherever it stands.
     */
    void walk(
        String name,
        Element element,
        String owner,
        Map<String, ProcessFacts> here,
        BpmnModelInstance model) {
      String local = element.getLocalName();
      String ns = element.getNamespaceURI();
      if (BPMN_NS.equals(ns) && element.hasAttribute("id") && !"definitions".equals(local)) {
        ModelElementInstance instance = model.getModelElementById(element.getAttribute("id"));
        if (instance instanceof FlowElement || instance instanceof Process) {
          owner = label((BaseElement) instance);
        }
      }
      ProcessFacts facts = factsOfElement(element, here, model);
      if (BPMN_NS.equals(ns) && "scriptTask".equals(local)) {
        problem(name, owner, "runs a script; models may not run code (ask for a model bean)");
      }
      if (CAMUNDA_NS.equals(ns) && "script".equals(local)) {
        problem(
            name,
            owner,
            "runs a "
                + element.getAttribute("scriptFormat")
                + " script; models may not run code (ask for a model bean)");
      }
      if (CAMUNDA_NS.equals(ns) && "connector".equals(local)) {
        problem(name, owner, "calls a connector; models may not call other systems directly");
      }
      if (BPMN_NS.equals(ns)
          && ("conditionExpression".equals(local) || "condition".equals(local))
          && element.hasAttribute("language")) {
        problem(
            name,
            owner,
            "its condition is a "
                + element.getAttribute("language")
                + " script; write it as an expression such as ${planningTrack == 'FULL'}");
      }
      NamedNodeMap attributes = element.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr attribute = (Attr) attributes.item(i);
        String attrName =
            attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        boolean camunda =
            CAMUNDA_NS.equals(attribute.getNamespaceURI())
                || (CAMUNDA_NS.equals(ns) && attribute.getNamespaceURI() == null);
        if (!camunda) {
          checkText(name, owner, attribute.getValue(), Usage.VALUE, facts);
          continue;
        }
        switch (attrName) {
          case "class", "formHandlerClass", "variableMappingClass" ->
              problem(
                  name,
                  owner,
                  "runs the Java class “"
                      + attribute.getValue()
                      + "”; models may only call model beans ("
                      + String.join(", ", beans.names())
                      + ")");
          case "type" -> {
            if (BPMN_NS.equals(ns) && !"external".equals(attribute.getValue())) {
              problem(
                  name,
                  owner,
                  "is a “"
                      + attribute.getValue()
                      + "” task, which runs code on the server; models may only call model"
                      + " beans");
            } else {
              checkText(name, owner, attribute.getValue(), Usage.VALUE, facts);
            }
          }
          case "delegateExpression", "variableMappingDelegateExpression" ->
              checkText(name, owner, attribute.getValue(), Usage.DELEGATE, facts);
          case "expression" -> checkText(name, owner, attribute.getValue(), Usage.CALL, facts);
          case "resultVariable", "elementVariable" -> facts.variables.add(attribute.getValue());
          case "resource" -> {
            if (CAMUNDA_NS.equals(ns) && "script".equals(local)) {
              break; // refused as a script above
            }
            checkText(name, owner, attribute.getValue(), Usage.VALUE, facts);
          }
          default -> checkText(name, owner, attribute.getValue(), Usage.VALUE, facts);
        }
      }
      for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element childElement) {
          walk(name, childElement, owner, here, model);
        } else if (child.getNodeType() == Node.TEXT_NODE
            || child.getNodeType() == Node.CDATA_SECTION_NODE) {
          if (!(CAMUNDA_NS.equals(ns) && "script".equals(local))) {
            checkText(name, owner, child.getNodeValue(), Usage.VALUE, facts);
          }
        }
      }
      if (CAMUNDA_NS.equals(ns) && "outputParameter".equals(local)) {
        facts.variables.add(element.getAttribute("name"));
      }
    }

    ProcessFacts factsOfElement(
        Element element, Map<String, ProcessFacts> here, BpmnModelInstance model) {
      for (Node e = element; e instanceof Element el; e = e.getParentNode()) {
        if (BPMN_NS.equals(el.getNamespaceURI()) && "process".equals(el.getLocalName())) {
          ProcessFacts facts = here.get(el.getAttribute("id"));
          if (facts != null) {
            return facts;
          }
        }
      }
      return here.values().stream().findFirst().orElse(new ProcessFacts("", ""));
    }

    void checkText(String name, String owner, String text, Usage usage, ProcessFacts facts) {
      if (!ExpressionCheck.isExpression(text)) {
        return;
      }
      ExpressionCheck.Result result = expressions.check(text.trim(), usage);
      result.problems().forEach(reason -> problem(name, owner, reason));
      facts.beansUsed.addAll(result.beans());
    }

    // ---------------------------------------------------------------- DMN

    void readDecisions() {
      resources.forEach(
          (name, bytes) -> {
            if (isDmn(name)) {
              DmnModelInstance model;
              try {
                model = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
              } catch (RuntimeException e) {
                problem(name, null, "is not a DMN decision Camunda can read: " + reason(e));
                return;
              }
              decisions.put(name, model);
              checkDmn(name, model);
            }
          });
    }

    void checkDmn(String name, DmnModelInstance model) {
      String defaultLanguage = model.getDefinitions().getExpressionLanguage();
      checkDmnLanguage(name, null, defaultLanguage);
      for (Decision decision : model.getModelElementsByType(Decision.class)) {
        decisionKeys.add(decision.getId());
        if (decision.getCamundaHistoryTimeToLiveString() == null) {
          problem(
              name,
              label(decision.getId(), decision.getName()),
              "no history time to live: say how long decisions are kept (e.g. 1825 days)");
        }
      }
      Element root =
          ((org.w3c.dom.Document) model.getDocument().getDomSource().getNode())
              .getDocumentElement();
      walkDmn(name, root, null);
    }

    void walkDmn(String name, Element element, String parentOwner) {
      String owner =
          element.hasAttribute("id")
              ? label(
                  element.getAttribute("id"),
                  firstNonBlank(element.getAttribute("label"), element.getAttribute("name")))
              : parentOwner;
      if (element.hasAttribute("expressionLanguage")) {
        checkDmnLanguage(name, owner, element.getAttribute("expressionLanguage"));
      }
      if ("text".equals(element.getLocalName())) {
        String text = element.getTextContent();
        if (ExpressionCheck.isExpression(text)) {
          expressions
              .check(text.trim(), Usage.VALUE)
              .problems()
              .forEach(reason -> problem(name, owner, reason));
        }
      }
      for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element childElement) {
          walkDmn(name, childElement, owner);
        }
      }
    }

    void checkDmnLanguage(String name, String owner, String language) {
      if (language != null
          && !language.isBlank()
          && !DMN_LANGUAGES.contains(language.toLowerCase())
          && !language.toLowerCase().startsWith("https://www.omg.org/spec/dmn")
          && !language.toLowerCase().startsWith("http://www.omg.org/spec/feel")) {
        problem(
            name,
            owner,
            "uses the expression language “"
                + language
                + "”, which runs code; write FEEL (the default) instead");
      }
    }

    /** Every input of every decision reads a variable that each process calling it sets. */
    void checkDecisionInputs() {
      if (decisions.isEmpty()) {
        return;
      }
      Map<String, ProcessFacts> all = new LinkedHashMap<>();
      deployed
          .latestProcesses()
          .forEach(
              (key, xml) -> {
                if (!processes.containsKey(key)) {
                  try {
                    BpmnModelInstance model =
                        Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
                    Run quiet = new Run(Map.of(), deployed);
                    quiet.forms.putAll(forms);
                    quiet.checkBpmn(key + ".bpmn", model);
                    quiet.processes.values().forEach(p -> all.putIfAbsent(p.key, p));
                  } catch (RuntimeException e) {
                    // a deployed model the engine accepted but we cannot read adds nothing
                  }
                }
              });
      all.putAll(processes);
      Map<String, Set<String>> sets = variablesSet(all);
      decisions.forEach(
          (file, model) -> {
            for (Decision decision : model.getModelElementsByType(Decision.class)) {
              List<ProcessFacts> callers =
                  all.values().stream()
                      .filter(p -> p.decisionsUsed.contains(decision.getId()))
                      .toList();
              List<Input> inputs =
                  decision.getChildElementsByType(DecisionTable.class).stream()
                      .flatMap(table -> table.getInputs().stream())
                      .toList();
              for (Input input : inputs) {
                if (input.getInputExpression() == null
                    || input.getInputExpression().getText() == null) {
                  continue;
                }
                String text = input.getInputExpression().getText().getTextContent().trim();
                if (text.isEmpty()) {
                  continue;
                }
                Set<String> read = expressions.check("${" + text + "}", Usage.VALUE).variables();
                for (ProcessFacts caller : callers) {
                  for (String variable : read) {
                    if (!sets.get(caller.key).contains(variable)) {
                      problem(
                          file,
                          label(input.getId(), input.getLabel()),
                          "reads “"
                              + variable
                              + "”, which the process "
                              + caller.key
                              + " never sets (no form, output mapping, result variable or"
                              + " model bean sets it)");
                    }
                  }
                }
              }
            }
          });
    }
  }

  // ------------------------------------------------------------------ what a process sets

  private Map<String, Set<String>> variablesSet(Map<String, ProcessFacts> all) {
    Map<String, Set<String>> sets = new HashMap<>();
    all.forEach(
        (key, facts) -> {
          Set<String> set = new HashSet<>(facts.variables);
          for (String bean : facts.beansUsed) {
            if (beans.isModelBean(bean)) {
              set.addAll(beans.get(bean).sets());
            }
          }
          for (Call call : facts.calls) {
            call.outTargets().forEach(set::add);
          }
          sets.put(key, set);
        });
    // what a caller hands in, and what a called process hands back, until nothing changes
    boolean changed = true;
    while (changed) {
      changed = false;
      for (ProcessFacts caller : all.values()) {
        for (Call call : caller.calls) {
          Set<String> callee = sets.get(call.key());
          Set<String> mine = sets.get(caller.key);
          if (callee == null) {
            continue;
          }
          if (call.inAll()) {
            changed |= callee.addAll(mine);
          }
          changed |= callee.addAll(call.inTargets());
          if (call.outAll()) {
            changed |= mine.addAll(callee);
          }
        }
      }
    }
    return sets;
  }

  /** What one process of a deployment uses and sets. */
  private static final class ProcessFacts {
    final String key;
    final String resource;
    final Set<String> variables = new HashSet<>();
    final Set<String> beansUsed = new HashSet<>();
    final Set<String> formsUsed = new HashSet<>();
    final Set<String> decisionsUsed = new HashSet<>();
    final Map<String, String> decisionRefs = new LinkedHashMap<>(); // element -> decision key
    final List<Call> calls = new ArrayList<>();

    ProcessFacts(String key, String resource) {
      this.key = key;
      this.resource = resource;
    }
  }

  /** A call activity: the process it calls and the variables it hands over each way. */
  private record Call(
      String key,
      String label,
      boolean inAll,
      Set<String> inTargets,
      boolean outAll,
      Set<String> outTargets) {
    Call(String key, CallActivity call) {
      this(
          key,
          ModelCheck.label(call),
          call
              .getChildElementsByType(org.camunda.bpm.model.bpmn.instance.ExtensionElements.class)
              .stream()
              .flatMap(e -> e.getElementsQuery().filterByType(CamundaIn.class).list().stream())
              .anyMatch(in -> "all".equals(in.getCamundaVariables())),
          new HashSet<>(
              call
                  .getChildElementsByType(
                      org.camunda.bpm.model.bpmn.instance.ExtensionElements.class)
                  .stream()
                  .flatMap(e -> e.getElementsQuery().filterByType(CamundaIn.class).list().stream())
                  .map(CamundaIn::getCamundaTarget)
                  .filter(t -> t != null)
                  .toList()),
          call
              .getChildElementsByType(org.camunda.bpm.model.bpmn.instance.ExtensionElements.class)
              .stream()
              .flatMap(e -> e.getElementsQuery().filterByType(CamundaOut.class).list().stream())
              .anyMatch(out -> "all".equals(out.getCamundaVariables())),
          new HashSet<>(
              call
                  .getChildElementsByType(
                      org.camunda.bpm.model.bpmn.instance.ExtensionElements.class)
                  .stream()
                  .flatMap(e -> e.getElementsQuery().filterByType(CamundaOut.class).list().stream())
                  .map(CamundaOut::getCamundaTarget)
                  .filter(t -> t != null)
                  .toList()));
    }
  }

  // ------------------------------------------------------------------ helpers

  private static ModelElementInstance owner(ModelElementInstance element) {
    for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
      if (e instanceof FlowElement) {
        return e;
      }
    }
    return element;
  }

  private static String label(ModelElementInstance element) {
    if (element instanceof FlowElement flow) {
      return label(flow.getId(), flow.getName());
    }
    if (element instanceof Process process) {
      return label(process.getId(), process.getName());
    }
    if (element instanceof BaseElement base) {
      return base.getId();
    }
    return null;
  }

  static String label(String id, String name) {
    if (id == null) {
      return name;
    }
    return name == null || name.isBlank()
        ? id
        : id + " (" + name.replaceAll("\\s+", " ").trim() + ")";
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
  }

  private static String fileName(String resource) {
    int slash = resource.lastIndexOf('/');
    return slash < 0 ? resource : resource.substring(slash + 1);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  static boolean isDateTime(String text) {
    for (java.util.function.Consumer<String> parser :
        List.<java.util.function.Consumer<String>>of(
            OffsetDateTime::parse, LocalDateTime::parse, LocalDate::parse)) {
      try {
        parser.accept(text);
        return true;
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return false;
  }

  boolean isDuration(String text) {
    try {
      durations.newDuration(text);
      return text.startsWith("P") || text.startsWith("-P");
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return false;
    }
  }

  boolean isCycle(String text) {
    if (text.startsWith("R")) {
      String[] parts = text.split("/");
      if (!parts[0].matches("R\\d*") || parts.length < 2 || parts.length > 3) {
        return false;
      }
      for (int i = 1; i < parts.length; i++) {
        if (!isDuration(parts[i]) && !isDateTime(parts[i])) {
          return false;
        }
      }
      return true;
    }
    int fields = text.trim().split("\\s+").length; // a cron expression
    return fields == 6 || fields == 7;
  }

  private static String reason(RuntimeException e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    if (cause instanceof org.xml.sax.SAXParseException sax) {
      return "line " + sax.getLineNumber() + ": " + message;
    }
    return message.replaceAll("\\b(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error)\\b:?\\s*", "");
  }
}
