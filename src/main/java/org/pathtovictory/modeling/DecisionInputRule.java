package org.pathtovictory.modeling;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.pathtovictory.modeling.ExpressionCheck.Usage;

/**
 * DMN inputs: every input of every decision reads a variable that each process calling it sets (by
 * a form, an output mapping, a result variable, a model bean, or a call activity handing it over),
 * counting the processes deployed before. Relies on the facts the other rules record.
 */
final class DecisionInputRule implements Rule {
  private final ExpressionCheck expressions;
  private final ModelBeans beans;

  DecisionInputRule(ExpressionCheck expressions, ModelBeans beans) {
    this.expressions = expressions;
    this.beans = beans;
  }

  @Override
  public void deployment(CheckRun run) {
    if (run.decisions.isEmpty()) {
      return;
    }
    Map<String, ProcessFacts> all = new LinkedHashMap<>(run.deployedProcesses());
    all.putAll(run.processes);
    Map<String, Set<String>> sets = variablesSet(all);
    run.decisions.forEach(
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
                    run.problem(
                        file,
                        ModelText.label(input.getId(), input.getLabel()),
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

  /** What each process sets, including what callers hand in and callees hand back. */
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
          for (ProcessFacts.Call call : facts.calls) {
            call.outTargets().forEach(set::add);
          }
          sets.put(key, set);
        });
    // what a caller hands in, and what a called process hands back, until nothing changes
    boolean changed = true;
    while (changed) {
      changed = false;
      for (ProcessFacts caller : all.values()) {
        for (ProcessFacts.Call call : caller.calls) {
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
}
