package org.pathtovictory.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.WebTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Conflicts are answers, not failures: twenty volunteers completing the same task at the same
 * moment get one success and nineteen 409s that say who completed it; the process moves on once.
 */
class TaskCompletionRaceTest extends WebTestSupport {

  static final int THREADS = 20;

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  private final ObjectMapper mapper = new ObjectMapper();
  private Deployment deployment;

  @AfterEach
  void undeploy() {
    if (deployment != null) {
      repositoryService.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void twentyCompletionsOfOneTaskAtOnceGiveOneSuccessAndNineteenConflicts() throws Exception {
    deployment =
        repositoryService
            .createDeployment()
            .addClasspathResource("system/race.bpmn")
            .addClasspathResource("notification/notification-test.form")
            .deploy();
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("race-test");
    Task first = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      answers.add(
          pool.submit(
              () -> {
                go.await();
                return post("/engine-rest/task/" + first.getId() + "/complete", "demo", "{}");
              }));
    }
    go.countDown();
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (Future<HttpResponse<String>> answer : answers) {
      responses.add(answer.get());
    }
    pool.shutdown();

    assertThat(responses).filteredOn(r -> r.statusCode() == 204).hasSize(1);
    List<HttpResponse<String>> conflicts =
        responses.stream().filter(r -> r.statusCode() == 409).toList();
    assertThat(conflicts)
        .as(responses.stream().map(r -> r.statusCode() + " " + r.body()).toList().toString())
        .hasSize(THREADS - 1);
    for (HttpResponse<String> conflict : conflicts) {
      var body = mapper.readTree(conflict.body());
      assertThat(body.get("type").asText()).isEqualTo("Conflict");
      assertThat(body.get("message").asText())
          .as(conflict.body())
          .matches("This task was already completed by .*demo.*|Someone else changed this.*");
      assertThat(conflict.body()).doesNotContain("Exception", "SELECT", "UPDATE", "ACT_");
    }
    assertThat(conflicts.stream().filter(c -> c.body().contains("already completed by")).count())
        .as("most losers are told who completed it")
        .isGreaterThan(0);
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).list())
        .extracting(Task::getTaskDefinitionKey)
        .containsExactly("Task_Next");
    // and one more attempt later still says who completed it
    var late = post("/engine-rest/task/" + first.getId() + "/complete", "demo", "{}");
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(late.body()).contains("This task was already completed by", "demo");
  }
}
