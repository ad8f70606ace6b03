package org.pathtovictory.modeling;

/**
 * Forms in use: a form deployed with a model is used by it or by a model deployed before (a form
 * deployed alone comes before the model that will use it).
 */
final class UnusedFormRule implements Rule {

  @Override
  public void deployment(CheckRun run) {
    if (run.processes.isEmpty()) {
      return;
    }
    for (String formId : run.forms.keySet()) {
      boolean used =
          run.processes.values().stream().anyMatch(p -> p.formsUsed.contains(formId))
              || run.deployed().latestProcesses().values().stream()
                  .anyMatch(xml -> new String(xml).contains("\"" + formId + "\""));
      if (!used) {
        run.problem(
            run.formResources.get(formId),
            null,
            "no model uses the form “" + formId + "”; remove it or use it on a task");
      }
    }
  }
}
