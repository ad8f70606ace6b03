package org.pathtovictory.modeling;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Finds where a problem of the deployment check sits: the element id from the check's "id (name)"
 * and the property from the reason. The check words its reasons for organizers and does not name
 * properties, so the property is read from the reason's words and, for expressions, from the
 * attribute of the element that holds the quoted expression.
 */
final class ProblemLocations {

  private static final Pattern LABELLED = Pattern.compile("^(\\S+) \\(.*\\)$", Pattern.DOTALL);

  /** Words of a reason and the property they are about; the first match wins. */
  private static final List<Map.Entry<String, String>> WORDS =
      List.of(
          Map.entry("the field has no label", "label"), // a form's field, before a step's label
          Map.entry("has no binding", "formRefBinding"),
          Map.entry("start form has no binding", "formRefBinding"),
          Map.entry("has no form", "formRef"),
          Map.entry("uses the form file", "formKey"),
          Map.entry("uses the form “", "formRef"),
          Map.entry("has no role", "candidateGroups"),
          Map.entry("candidate group", "candidateGroups"),
          Map.entry("due date", "dueDate"),
          Map.entry("has no label", "name"),
          Map.entry("the id is not readable", "id"),
          Map.entry("calls no process", "calledElement"),
          Map.entry("uses no decision", "decisionRef"),
          Map.entry("without a condition", "conditionExpression"),
          Map.entry("timer date", "timeDate"),
          Map.entry("timer duration", "timeDuration"),
          Map.entry("timer cycle", "timeCycle"),
          Map.entry("runs the Java class", "class"),
          Map.entry("the field key", "key"));

  private final Map<String, byte[]> resources;
  private final Map<String, Document> documents = new HashMap<>();

  ProblemLocations(Map<String, byte[]> resources) {
    this.resources = resources;
  }

  LocatedProblem locate(ModelProblem problem) {
    String elementId = elementId(problem.element());
    return new LocatedProblem(
        problem.resource(),
        problem.element() == null ? "" : problem.element(),
        elementId,
        problem.reason(),
        property(problem, elementId));
  }

  static String elementId(String element) {
    if (element == null || element.isBlank()) {
      return null;
    }
    Matcher labelled = LABELLED.matcher(element.trim());
    return labelled.matches() ? labelled.group(1) : element.trim();
  }

  private String property(ModelProblem problem, String elementId) {
    String reason = problem.reason() == null ? "" : problem.reason();
    if (reason.startsWith("the expression ") && elementId != null) {
      return expressionProperty(problem.resource(), elementId, reason);
    }
    for (Map.Entry<String, String> words : WORDS) {
      if (reason.contains(words.getKey())) {
        return words.getValue();
      }
    }
    return null;
  }

  /** The attribute (or element, for text) of the element whose expression the reason quotes. */
  private String expressionProperty(String resource, String elementId, String reason) {
    Document document = document(resource);
    if (document == null) {
      return null;
    }
    Element element = byId(document.getDocumentElement(), elementId);
    return element == null ? null : holder(element, reason);
  }

  private static String holder(Element element, String reason) {
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      if (quotes(reason, attribute.getValue())) {
        return attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element nested) {
        String found = holder(nested, reason);
        if (found != null) {
          return found;
        }
      } else if ((child.getNodeType() == Node.TEXT_NODE
              || child.getNodeType() == Node.CDATA_SECTION_NODE)
          && quotes(reason, child.getNodeValue())) {
        return element.getLocalName();
      }
    }
    return null;
  }

  private static boolean quotes(String reason, String value) {
    return value != null
        && !value.isBlank()
        && ExpressionCheck.isExpression(value)
        && reason.startsWith("the expression " + value.trim() + " ");
  }

  private static Element byId(Element element, String id) {
    if (id.equals(element.getAttribute("id"))) {
      return element;
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element nested) {
        Element found = byId(nested, id);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private Document document(String resource) {
    byte[] bytes = resources.get(resource);
    if (bytes == null || !(ModelCheck.isBpmn(resource) || ModelCheck.isDmn(resource))) {
      return null;
    }
    return documents.computeIfAbsent(resource, name -> parse(bytes));
  }

  private static Document parse(byte[] bytes) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    } catch (Exception unreadable) {
      return null; // the check reports an unreadable file; it has no elements to point at
    }
  }
}
