package org.pathtovictory.modeling;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;

/**
 * The deployment check: runs every {@link Rule} over the files of a deployment and collects their
 * problems. The engine runs it on every deployment (start-up, Camunda Modeler, Cockpit), the
 * repository's tests on {@code processes/} and {@code forms/}. Each rule lives in its own file;
 * adding one means adding it to {@link #defaultRules} and writing its test beside it.
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

    Deployed NOTHING = new NothingDeployed();
  }

  /** Nothing deployed before; a test overrides what it needs. */
  static class NothingDeployed implements Deployed {
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
  }

  private final List<Rule> rules;

  ModelCheck(ModelBeans beans) {
    this(defaultRules(beans));
  }

  /** Only these rules, in this order (for a rule's own test). */
  ModelCheck(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * Every rule, in the order they report (within each hook of {@link Rule}): conventions first,
   * then what an organizer fixes element by element, then what looks across files.
   */
  static List<Rule> defaultRules(ModelBeans beans) {
    ExpressionCheck expressions = new ExpressionCheck(beans);
    return List.of(
        new ConventionRule(),
        new ExpressionRule(expressions, beans),
        new FormRule(),
        new UserTaskRule(),
        new TemplatedStepRule(),
        new TimerRule(),
        new MessageRule(),
        new ReferenceRule(),
        new UnusedFormRule(),
        new DecisionInputRule(expressions, beans));
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
    CheckRun run = new CheckRun(new TreeMap<>(resources), deployed, this);
    run.readForms(rules);
    run.readProcesses();
    run.readDecisions(rules);
    rules.forEach(rule -> rule.deployment(run));
    return List.copyOf(run.problems());
  }

  /** Runs every rule on one BPMN file; also how facts are read from models deployed before. */
  void checkBpmn(BpmnFile file) {
    for (Process process : file.model().getModelElementsByType(Process.class)) {
      rules.forEach(rule -> rule.process(file, process));
    }
    rules.forEach(rule -> rule.beforeFlowNodes(file));
    for (FlowNode node : file.model().getModelElementsByType(FlowNode.class)) {
      ProcessFacts facts = file.factsOf(node);
      rules.forEach(rule -> rule.flowNode(file, node, facts));
    }
    rules.forEach(rule -> rule.afterFlowNodes(file));
  }
}
