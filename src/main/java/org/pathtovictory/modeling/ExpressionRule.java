package org.pathtovictory.modeling;

import static org.pathtovictory.modeling.ModelText.BPMN_NS;
import static org.pathtovictory.modeling.ModelText.CAMUNDA_NS;

import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.pathtovictory.modeling.ExpressionCheck.Usage;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Expressions and code: every expression in a model, wherever it stands, is one the engine may run
 * ({@link ExpressionCheck}); anything that would run code (scripts, Java classes, connectors, shell
 * or mail tasks, a DMN language other than FEEL or JUEL) is refused. Records the model beans a
 * process calls and the variables its mappings set.
 */
final class ExpressionRule implements Rule {
  private static final Set<String> DMN_LANGUAGES = Set.of("feel", "juel");

  private final ExpressionCheck expressions;
  private final ModelBeans beans;

  ExpressionRule(ExpressionCheck expressions, ModelBeans beans) {
    this.expressions = expressions;
    this.beans = beans;
  }

  @Override
  public void beforeFlowNodes(BpmnFile file) {
    walk(file, file.root(), null);
  }

  /** Walks every XML element: attributes and text are read as expressions where they are ones. */
  private void walk(BpmnFile file, Element element, String owner) {
    String local = element.getLocalName();
    String ns = element.getNamespaceURI();
    if (BPMN_NS.equals(ns) && element.hasAttribute("id") && !"definitions".equals(local)) {
      ModelElementInstance instance = file.model().getModelElementById(element.getAttribute("id"));
      if (instance instanceof FlowElement || instance instanceof Process) {
        owner = ModelText.label((BaseElement) instance);
      }
    }
    ProcessFacts facts = file.factsOf(element);
    if (BPMN_NS.equals(ns) && "scriptTask".equals(local)) {
      file.problem(owner, "runs a script; models may not run code (ask for a model bean)");
    }
    if (CAMUNDA_NS.equals(ns) && "script".equals(local)) {
      file.problem(
          owner,
          "runs a "
              + element.getAttribute("scriptFormat")
              + " script; models may not run code (ask for a model bean)");
    }
    if (CAMUNDA_NS.equals(ns) && "connector".equals(local)) {
      file.problem(owner, "calls a connector; models may not call other systems directly");
    }
    if (BPMN_NS.equals(ns)
        && ("conditionExpression".equals(local) || "condition".equals(local))
        && element.hasAttribute("language")) {
      file.problem(
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
        checkText(file, owner, attribute.getValue(), Usage.VALUE, facts);
        continue;
      }
      switch (attrName) {
        case "class", "formHandlerClass", "variableMappingClass" ->
            file.problem(
                owner,
                "runs the Java class “"
                    + attribute.getValue()
                    + "”; models may only call model beans ("
                    + String.join(", ", beans.names())
                    + ")");
        case "type" -> {
          if (BPMN_NS.equals(ns) && !"external".equals(attribute.getValue())) {
            file.problem(
                owner,
                "is a “"
                    + attribute.getValue()
                    + "” task, which runs code on the server; models may only call model"
                    + " beans");
          } else {
            checkText(file, owner, attribute.getValue(), Usage.VALUE, facts);
          }
        }
        case "delegateExpression", "variableMappingDelegateExpression" ->
            checkText(file, owner, attribute.getValue(), Usage.DELEGATE, facts);
        case "expression" -> checkText(file, owner, attribute.getValue(), Usage.CALL, facts);
        case "resultVariable", "elementVariable" -> facts.variables.add(attribute.getValue());
        case "resource" -> {
          if (CAMUNDA_NS.equals(ns) && "script".equals(local)) {
            break; // refused as a script above
          }
          checkText(file, owner, attribute.getValue(), Usage.VALUE, facts);
        }
        default -> checkText(file, owner, attribute.getValue(), Usage.VALUE, facts);
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        walk(file, childElement, owner);
      } else if (child.getNodeType() == Node.TEXT_NODE
          || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        if (!(CAMUNDA_NS.equals(ns) && "script".equals(local))) {
          checkText(file, owner, child.getNodeValue(), Usage.VALUE, facts);
        }
      }
    }
    if (CAMUNDA_NS.equals(ns) && "outputParameter".equals(local)) {
      facts.variables.add(element.getAttribute("name"));
    }
  }

  private void checkText(
      BpmnFile file, String owner, String text, Usage usage, ProcessFacts facts) {
    if (!ExpressionCheck.isExpression(text)) {
      return;
    }
    ExpressionCheck.Result result = expressions.check(text.trim(), usage);
    result.problems().forEach(reason -> file.problem(owner, reason));
    facts.beansUsed.addAll(result.beans());
  }

  // ---------------------------------------------------------------- DMN

  @Override
  public void decisions(CheckRun run, String resource, DmnModelInstance model) {
    checkDmnLanguage(run, resource, null, model.getDefinitions().getExpressionLanguage());
    Element root =
        ((org.w3c.dom.Document) model.getDocument().getDomSource().getNode()).getDocumentElement();
    walkDmn(run, resource, root, null);
  }

  private void walkDmn(CheckRun run, String resource, Element element, String parentOwner) {
    String owner =
        element.hasAttribute("id")
            ? ModelText.label(
                element.getAttribute("id"),
                ModelText.firstNonBlank(
                    element.getAttribute("label"), element.getAttribute("name")))
            : parentOwner;
    if (element.hasAttribute("expressionLanguage")) {
      checkDmnLanguage(run, resource, owner, element.getAttribute("expressionLanguage"));
    }
    if ("text".equals(element.getLocalName())) {
      String text = element.getTextContent();
      if (ExpressionCheck.isExpression(text)) {
        expressions
            .check(text.trim(), Usage.VALUE)
            .problems()
            .forEach(reason -> run.problem(resource, owner, reason));
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        walkDmn(run, resource, childElement, owner);
      }
    }
  }

  private static void checkDmnLanguage(
      CheckRun run, String resource, String owner, String language) {
    if (language != null
        && !language.isBlank()
        && !DMN_LANGUAGES.contains(language.toLowerCase())
        && !language.toLowerCase().startsWith("https://www.omg.org/spec/dmn")
        && !language.toLowerCase().startsWith("http://www.omg.org/spec/feel")) {
      run.problem(
          resource,
          owner,
          "uses the expression language “"
              + language
              + "”, which runs code; write FEEL (the default) instead");
    }
  }
}
