package org.pathtovictory.modeling;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/** How the deployment check names elements and reads values, the same in every rule. */
final class ModelText {
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  private ModelText() {}

  /** The flow element an element belongs to (a timer's event, a message's task). */
  static ModelElementInstance owner(ModelElementInstance element) {
    for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
      if (e instanceof FlowElement) {
        return e;
      }
    }
    return element;
  }

  static String label(ModelElementInstance element) {
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

  /** {@code id (name)} as an organizer sees it in Camunda Modeler. */
  static String label(String id, String name) {
    if (id == null) {
      return name;
    }
    return name == null || name.isBlank()
        ? id
        : id + " (" + name.replaceAll("\\s+", " ").trim() + ")";
  }

  static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
  }

  static String fileName(String resource) {
    int slash = resource.lastIndexOf('/');
    return slash < 0 ? resource : resource.substring(slash + 1);
  }

  static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  static boolean isDateTime(String text) {
    for (Consumer<String> parser :
        List.<Consumer<String>>of(OffsetDateTime::parse, LocalDateTime::parse, LocalDate::parse)) {
      try {
        parser.accept(text);
        return true;
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return false;
  }

  /** The parser's own words without Java class names, for a file that cannot be read. */
  static String reason(RuntimeException e) {
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
