package org.pathtovictory.modeling;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.DmnModelInstance;

/**
 * One rule (or a small family) of the deployment check, as bpmnlint keeps them: one file each, with
 * its valid and invalid cases in a test beside it. {@link ModelCheck} calls the hooks in the order
 * they are declared here, each for every rule in turn; a rule reports through {@link
 * CheckRun#problem} or {@link BpmnFile#problem} and may record what a process uses and sets in its
 * {@link ProcessFacts}, for the rules that look across files in {@link #deployment}.
 */
interface Rule {

  /** A readable Camunda Form (forms are read before any model). */
  default void form(CheckRun run, String resource, JsonNode form) {}

  /** Each process of a BPMN file. */
  default void process(BpmnFile file, Process process) {}

  /** A BPMN file as a whole, before its flow nodes. */
  default void beforeFlowNodes(BpmnFile file) {}

  /** Each flow node of a BPMN file, with the facts of its process. */
  default void flowNode(BpmnFile file, FlowNode node, ProcessFacts facts) {}

  /** A BPMN file as a whole, after its flow nodes. */
  default void afterFlowNodes(BpmnFile file) {}

  /** A readable DMN file. */
  default void decisions(CheckRun run, String resource, DmnModelInstance model) {}

  /** The deployment as a whole, once every file is read. */
  default void deployment(CheckRun run) {}
}
