package org.pathtovictory.modeling;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;

/**
 * What one process of a deployment uses and sets, recorded by the rules as they read it, for the
 * rules that look across files (references, unused forms, decision inputs).
 */
final class ProcessFacts {
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

  /** A call activity: the process it calls and the variables it hands over each way. */
  record Call(
      String key,
      String label,
      boolean inAll,
      Set<String> inTargets,
      boolean outAll,
      Set<String> outTargets) {
    Call(String key, CallActivity call) {
      this(
          key,
          ModelText.label(call),
          of(call, CamundaIn.class).anyMatch(in -> "all".equals(in.getCamundaVariables())),
          targets(of(call, CamundaIn.class).map(CamundaIn::getCamundaTarget)),
          of(call, CamundaOut.class).anyMatch(out -> "all".equals(out.getCamundaVariables())),
          targets(of(call, CamundaOut.class).map(CamundaOut::getCamundaTarget)));
    }

    private static <T extends org.camunda.bpm.model.xml.instance.ModelElementInstance> Stream<T> of(
        CallActivity call, Class<T> type) {
      return call.getChildElementsByType(ExtensionElements.class).stream()
          .flatMap(e -> e.getElementsQuery().filterByType(type).list().stream());
    }

    private static Set<String> targets(Stream<String> targets) {
      return new HashSet<>(targets.filter(t -> t != null).toList());
    }
  }
}
