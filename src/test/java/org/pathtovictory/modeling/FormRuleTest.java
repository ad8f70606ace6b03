package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FormRuleTest extends RuleTestSupport {
  final Rule rule = new FormRule();

  @Test
  void theValidModelAndItsFormPass() {
    assertThat(check(rule, withModel(validModel()))).isEmpty();
  }

  @Test
  void aFormWhoseIdIsNotItsFileName() {
    assertProblem(
        check(rule, Map.of("other.form", debriefForm())),
        "other.form",
        null,
        "the form's id is “hold-debrief” but must be its file name “other”");
  }

  @Test
  void aFieldWithoutALabelOrTypeAndAKeyUsedTwice() {
    String form =
        DeploymentTestSupport.form(
            "hold-debrief",
            "[{\"type\": \"textfield\", \"key\": \"notes\"},"
                + " {\"type\": \"textfield\", \"key\": \"notes\", \"label\": \"Notes\"},"
                + " {\"key\": \"typeless\", \"label\": \"No type\"}]");
    var problems = check(rule, Map.of("hold-debrief.form", form));
    assertProblem(problems, "hold-debrief.form", "notes", "the field has no label");
    assertProblem(problems, "hold-debrief.form", "notes", "is used 2 times");
    assertProblem(problems, "hold-debrief.form", null, "a field of the form has no type");
  }

  @Test
  void aUserTaskWithoutAForm() {
    assertProblem(
        check(
            rule,
            Map.of(FILE, model(TASK.replace(" camunda:formRef=\"hold-debrief\"", ""), MANUAL, ""))),
        FILE,
        TASK_LABEL,
        "has no form");
  }

  @Test
  void aFormNeitherInTheDeploymentNorDeployed() {
    assertProblem(
        check(rule, Map.of(FILE, validModel())),
        FILE,
        TASK_LABEL,
        "uses the form “hold-debrief”, which is neither in this deployment nor deployed before");
  }

  @Test
  void aFormWithoutBinding() {
    assertProblem(
        check(rule, withModel(validModel().replace(" camunda:formRefBinding=\"latest\"", ""))),
        FILE,
        TASK_LABEL,
        "has no binding");
  }

  @Test
  void aFormKeyNamingAFileNotInTheDeployment() {
    String task =
        TASK.replace(
            "camunda:formRef=\"hold-debrief\" camunda:formRefBinding=\"latest\"",
            "camunda:formKey=\"camunda-forms:deployment:missing.form\"");
    assertProblem(
        check(rule, Map.of(FILE, model(task, MANUAL, ""))),
        FILE,
        TASK_LABEL,
        "uses the form file “camunda-forms:deployment:missing.form”, which is not in this deployment");
  }
}
