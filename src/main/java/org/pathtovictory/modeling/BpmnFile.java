package org.pathtovictory.modeling;

import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** One BPMN file of a deployment under check, with the facts of each of its processes. */
record BpmnFile(
    CheckRun run, String resource, BpmnModelInstance model, Map<String, ProcessFacts> here) {

  void problem(String element, String reason) {
    run.problem(resource, element, reason);
  }

  /** The XML root, for rules that read every element and attribute. */
  Element root() {
    return ((org.w3c.dom.Document) model.getDocument().getDomSource().getNode())
        .getDocumentElement();
  }

  /** The facts of the process an element stands in. */
  ProcessFacts factsOf(ModelElementInstance element) {
    for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
      if (e instanceof Process process) {
        return here.get(process.getId());
      }
    }
    return firstOrNone();
  }

  /** The facts of the process an XML element stands in. */
  ProcessFacts factsOf(Element element) {
    for (Node e = element; e instanceof Element el; e = e.getParentNode()) {
      if (ModelText.BPMN_NS.equals(el.getNamespaceURI()) && "process".equals(el.getLocalName())) {
        ProcessFacts facts = here.get(el.getAttribute("id"));
        if (facts != null) {
          return facts;
        }
      }
    }
    return firstOrNone();
  }

  private ProcessFacts firstOrNone() {
    return here.values().stream().findFirst().orElse(new ProcessFacts("", ""));
  }
}
