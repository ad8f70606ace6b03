package org.pathtovictory.modeling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What changed between two versions of a process, element by element, in words an organizer reads:
 * steps added and removed, and for the steps in both their name, role, assignee, form, due date,
 * what they call or wait for, and the flows between them. A removed and an added step of the same
 * kind with the same form (or, without a form, the same name) are reported as one renamed step, and
 * offered as a mapping for moving running campaigns.
 */
final class ModelChanges {

  /** One property that differs, e.g. {@code role: group-leads → canvass-leads}. */
  record Difference(String what, String before, String after) {}

  /** An element of one version, described. */
  record Element(String element, String name, String kind, String description) {}

  /** An element present in both versions (or renamed) whose properties differ. */
  record Changed(
      String element,
      String previousElement,
      String name,
      String kind,
      List<Difference> differences,
      String description) {}

  record Report(
      String processKey,
      int from,
      int to,
      String summary,
      List<Element> added,
      List<Element> removed,
      List<Changed> changed,
      Map<String, String> suggestedMappings) {}

  private ModelChanges() {}

  static Report between(
      String processKey, int from, BpmnModelInstance before, int to, BpmnModelInstance after) {
    Map<String, FlowElement> old = elements(before);
    Map<String, FlowElement> now = elements(after);
    List<FlowElement> removed = new ArrayList<>();
    List<FlowElement> added = new ArrayList<>();
    old.values().stream().filter(e -> !now.containsKey(e.getId())).forEach(removed::add);
    now.values().stream().filter(e -> !old.containsKey(e.getId())).forEach(added::add);

    List<Changed> changed = new ArrayList<>();
    Map<String, String> suggested = new LinkedHashMap<>();
    // renamed steps: same kind and same form (or same name), one to one
    for (FlowElement gone : List.copyOf(removed)) {
      if (gone instanceof SequenceFlow) {
        continue;
      }
      FlowElement renamed =
          added.stream().filter(candidate -> sameStep(gone, candidate)).findFirst().orElse(null);
      if (renamed != null) {
        removed.remove(gone);
        added.remove(renamed);
        suggested.put(gone.getId(), renamed.getId());
        List<Difference> differences = new ArrayList<>();
        differences.add(new Difference("id", gone.getId(), renamed.getId()));
        differences.addAll(differences(gone, renamed));
        changed.add(changed(renamed, gone.getId(), differences));
      }
    }
    for (Map.Entry<String, FlowElement> entry : now.entrySet()) {
      FlowElement previous = old.get(entry.getKey());
      if (previous != null) {
        List<Difference> differences = differences(previous, entry.getValue());
        if (!differences.isEmpty()) {
          changed.add(changed(entry.getValue(), null, differences));
        }
      }
    }
    List<Element> addedElements = added.stream().map(e -> element(e, "New")).toList();
    List<Element> removedElements = removed.stream().map(e -> element(e, "Removed")).toList();
    String summary =
        "Version %d compared with version %d: %d added, %d removed, %d changed."
            .formatted(to, from, addedElements.size(), removedElements.size(), changed.size());
    return new Report(
        processKey, from, to, summary, addedElements, removedElements, changed, suggested);
  }

  /** Every flow element of the process, sub-processes included, by id. */
  static Map<String, FlowElement> elements(BpmnModelInstance model) {
    Map<String, FlowElement> elements = new LinkedHashMap<>();
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      elements.put(element.getId(), element);
    }
    return elements;
  }

  static String kind(ModelElementInstance element) {
    if (element instanceof UserTask) {
      return "task";
    } else if (element instanceof ServiceTask) {
      return "automatic step";
    } else if (element instanceof BusinessRuleTask) {
      return "decision";
    } else if (element instanceof CallActivity) {
      return "called process";
    } else if (element instanceof SubProcess) {
      return "sub-process";
    } else if (element instanceof Gateway) {
      return "gateway";
    } else if (element instanceof SequenceFlow) {
      return "flow";
    } else if (element instanceof StartEvent) {
      return "start event";
    } else if (element instanceof EndEvent) {
      return "end event";
    } else if (element instanceof BoundaryEvent) {
      return "event on the border of " + ((BoundaryEvent) element).getAttachedTo().getId();
    } else if (element instanceof Event) {
      return "event";
    }
    return element.getElementType().getTypeName();
  }

  /** What an organizer cares about in an element, by label, in a stable order. */
  static Map<String, String> properties(FlowElement element) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("name", element.getName());
    properties.put("kind", kind(element));
    if (element instanceof UserTask task) {
      properties.put("role", task.getCamundaCandidateGroups());
      properties.put("candidate users", task.getCamundaCandidateUsers());
      properties.put("assignee", task.getCamundaAssignee());
      properties.put(
          "form",
          task.getCamundaFormRef() != null ? task.getCamundaFormRef() : task.getCamundaFormKey());
      properties.put("due date", task.getCamundaDueDate());
    } else if (element instanceof CallActivity call) {
      properties.put("called process", call.getCalledElement());
    } else if (element instanceof BusinessRuleTask rule) {
      properties.put("decision", rule.getCamundaDecisionRef());
    } else if (element instanceof ServiceTask service) {
      properties.put("runs", service.getCamundaDelegateExpression());
    } else if (element instanceof SequenceFlow flow) {
      properties.put("from", flow.getSource().getId());
      properties.put("to", flow.getTarget().getId());
      ConditionExpression condition = flow.getConditionExpression();
      properties.put("condition", condition == null ? null : condition.getTextContent());
    }
    if (element instanceof Event) {
      for (EventDefinition definition : element.getChildElementsByType(EventDefinition.class)) {
        if (definition instanceof TimerEventDefinition timer) {
          properties.put("timer", timerText(timer));
        } else if (definition instanceof MessageEventDefinition message) {
          properties.put(
              "message", message.getMessage() == null ? null : message.getMessage().getName());
        } else if (definition instanceof SignalEventDefinition signal) {
          properties.put(
              "signal", signal.getSignal() == null ? null : signal.getSignal().getName());
        }
      }
    }
    if (element instanceof FlowNode node) {
      properties.put(
          "leads to",
          node.getOutgoing().stream()
              .map(flow -> flow.getTarget().getId())
              .sorted()
              .collect(Collectors.joining(", ")));
    }
    ModelElementInstance parent = element.getParentElement();
    if (parent instanceof SubProcess subProcess) {
      properties.put("inside", subProcess.getId());
    }
    properties.values().removeIf(Objects::isNull);
    return properties;
  }

  static String timerText(TimerEventDefinition timer) {
    if (timer.getTimeDate() != null) {
      return "at " + timer.getTimeDate().getTextContent();
    } else if (timer.getTimeDuration() != null) {
      return "after " + timer.getTimeDuration().getTextContent();
    } else if (timer.getTimeCycle() != null) {
      return "every " + timer.getTimeCycle().getTextContent();
    }
    return null;
  }

  private static boolean sameStep(FlowElement gone, FlowElement candidate) {
    if (!gone.getElementType().equals(candidate.getElementType())) {
      return false;
    }
    if (gone instanceof UserTask a && candidate instanceof UserTask b) {
      return a.getCamundaFormRef() != null && a.getCamundaFormRef().equals(b.getCamundaFormRef());
    }
    return gone.getName() != null && gone.getName().equals(candidate.getName());
  }

  private static List<Difference> differences(FlowElement before, FlowElement after) {
    Map<String, String> old = properties(before);
    Map<String, String> now = properties(after);
    List<Difference> differences = new ArrayList<>();
    for (String label : union(old.keySet(), now.keySet())) {
      if (!Objects.equals(old.get(label), now.get(label))) {
        differences.add(new Difference(label, old.get(label), now.get(label)));
      }
    }
    return differences;
  }

  private static List<String> union(Collection<String> a, Collection<String> b) {
    List<String> all = new ArrayList<>(a);
    b.stream().filter(label -> !all.contains(label)).forEach(all::add);
    return all;
  }

  private static Element element(FlowElement element, String verb) {
    return new Element(
        element.getId(), element.getName(), kind(element), verb + " " + describe(element) + ".");
  }

  private static Changed changed(
      FlowElement element, String previousId, List<Difference> differences) {
    String what =
        differences.stream()
            .map(
                d ->
                    d.before() == null
                        ? d.what() + " set to " + quote(d.after())
                        : d.after() == null
                            ? d.what() + " " + quote(d.before()) + " removed"
                            : d.what()
                                + " changed from "
                                + quote(d.before())
                                + " to "
                                + quote(d.after()))
            .collect(Collectors.joining("; "));
    String description = "Changed " + describe(element) + ": " + what + ".";
    return new Changed(
        element.getId(), previousId, element.getName(), kind(element), differences, description);
  }

  /** E.g. {@code task “Train the canvassers” (Task_TrainCanvassers) for canvass-leads}. */
  private static String describe(FlowElement element) {
    StringBuilder text = new StringBuilder(kind(element));
    if (element instanceof SequenceFlow flow) {
      text.append(" (")
          .append(element.getId())
          .append(") from ")
          .append(label(flow.getSource()))
          .append(" to ")
          .append(label(flow.getTarget()));
      return text.toString();
    }
    text.append(' ').append(label(element));
    if (element instanceof UserTask task) {
      if (task.getCamundaCandidateGroups() != null) {
        text.append(" for ").append(task.getCamundaCandidateGroups());
      }
      if (task.getCamundaFormRef() != null) {
        text.append(", form ").append(task.getCamundaFormRef());
      }
      if (task.getCamundaDueDate() != null) {
        text.append(", due ").append(task.getCamundaDueDate());
      }
    }
    return text.toString();
  }

  private static String label(FlowElement element) {
    return element.getName() == null
        ? element.getId()
        : "“" + element.getName() + "” (" + element.getId() + ")";
  }

  private static String quote(String value) {
    return "“" + value + "”";
  }
}
