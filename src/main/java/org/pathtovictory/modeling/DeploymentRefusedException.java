package org.pathtovictory.modeling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.pathtovictory.web.ApiRefusal;

/**
 * A deployment the deployment check refused as a whole: nothing of it reached the engine. Every
 * REST API answers it with 400 and {@link #body()} ({@link ApiRefusal}).
 */
public class DeploymentRefusedException extends ProcessEngineException implements ApiRefusal {

  private final List<ModelProblem> problems;

  public DeploymentRefusedException(List<ModelProblem> problems) {
    super(
        "Nothing was deployed. Fix "
            + (problems.size() == 1 ? "this problem" : "these " + problems.size() + " problems")
            + " and deploy again:\n"
            + problems.stream().map(ModelProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<ModelProblem> getProblems() {
    return problems;
  }

  @Override
  public int status() {
    return 400;
  }

  /** The JSON body of a refusal: {@code type}, {@code message} and {@code problems}. */
  @Override
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "DeploymentRefused");
    body.put("message", getMessage());
    body.put(
        "problems",
        problems.stream()
            .map(
                p -> {
                  Map<String, String> problem = new LinkedHashMap<>();
                  problem.put("resource", p.resource());
                  problem.put("element", p.element() == null ? "" : p.element());
                  problem.put("reason", p.reason());
                  return problem;
                })
            .toList());
    return body;
  }
}
