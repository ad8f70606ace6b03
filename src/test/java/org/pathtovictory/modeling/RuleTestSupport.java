package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Runs one rule of the deployment check on small files, as bpmnlint's rule tests do: no engine, no
 * Spring context; the only model bean is {@code dueDate}, which the test model's due date calls.
 */
abstract class RuleTestSupport {

  /** The calendar bean the test model's due date calls. */
  @ModelBean(sets = "dueSet")
  public static class DueDate {
    public String inDays(Object execution, int days) {
      return "";
    }
  }

  static final ModelBeans BEANS = beans();

  private static ModelBeans beans() {
    DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
    factory.registerBeanDefinition("dueDate", new RootBeanDefinition(DueDate.class));
    return new ModelBeans(factory);
  }

  static final String FILE = DeploymentTestSupport.FILE;
  static final String TASK_LABEL = DeploymentTestSupport.TASK_LABEL;
  static final String TASK = DeploymentTestSupport.TASK;
  static final DeploymentTestSupport.Step MANUAL = DeploymentTestSupport.MANUAL;

  static String model(String task, DeploymentTestSupport.Step step, String outside) {
    return DeploymentTestSupport.model(task, step, outside, "");
  }

  static String validModel() {
    return DeploymentTestSupport.validModel();
  }

  /** The form the valid test model's task uses. */
  static String debriefForm() {
    return DeploymentTestSupport.form(
        "hold-debrief", "[{\"type\": \"textfield\", \"key\": \"debrief\", \"label\": \"Notes\"}]");
  }

  /** The problems these rules find in the files (name to content), nothing deployed before. */
  static List<ModelProblem> check(List<Rule> rules, Map<String, String> files) {
    return check(rules, files, ModelCheck.Deployed.NOTHING);
  }

  static List<ModelProblem> check(
      List<Rule> rules, Map<String, String> files, ModelCheck.Deployed deployed) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
    return new ModelCheck(rules).check(bytes, deployed);
  }

  static List<ModelProblem> check(Rule rule, Map<String, String> files) {
    return check(List.of(rule), files);
  }

  /** The valid model with its form, and one file changed or added. */
  static Map<String, String> withModel(String bpmn) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(FILE, bpmn);
    files.put("hold-debrief.form", debriefForm());
    return files;
  }

  static void assertProblem(
      List<ModelProblem> problems, String resource, String element, String reason) {
    assertThat(problems)
        .as(problems.toString())
        .anyMatch(
            p ->
                p.resource().equals(resource)
                    && java.util.Objects.equals(p.element(), element)
                    && p.reason().contains(reason));
  }
}
