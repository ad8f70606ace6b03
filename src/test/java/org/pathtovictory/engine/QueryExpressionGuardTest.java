package org.pathtovictory.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.WebTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Expressions in task queries run code on the server. Camunda 7.24 refuses them at the top level of
 * an ad-hoc query only; these tests go through every other door (orQueries, a filter's extending
 * query, a saved filter) as a volunteer and as the administrator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryExpressionGuardTest extends WebTestSupport {

  static final String VOLUNTEER = "ithaca-lead";
  static final String EXPRESSION = "${currentUser()}";

  @Autowired TaskService taskService;
  @Autowired FilterService filterService;
  @Autowired AuthorizationService authorizationService;

  private String taskId;
  private String groupFilterId;
  private Authorization filterCreate;

  @BeforeAll
  void aTaskForIthacasGroupLeadsAndTheDemoFilters() {
    Task task = taskService.newTask();
    task.setName("Plan the kick-off party");
    task.setTenantId(ProcessTestSupport.ITHACA);
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), "group-leads");
    taskId = task.getId();
    groupFilterId =
        filterService
            .createFilterQuery()
            .filterName("My group's open tasks")
            .singleResult()
            .getId();
    // the volunteer may create filters at all, so only the expression can be what is refused
    filterCreate = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    filterCreate.setUserId(VOLUNTEER);
    filterCreate.setResource(Resources.FILTER);
    filterCreate.setResourceId(Authorization.ANY);
    filterCreate.addPermission(Permissions.CREATE);
    authorizationService.saveAuthorization(filterCreate);
  }

  @AfterAll
  void removeFixtures() {
    taskService.deleteTask(taskId, true);
    authorizationService.deleteAuthorization(filterCreate.getId());
    filterService.createFilterQuery().filterOwner(VOLUNTEER).list().stream()
        .forEach(filter -> filterService.deleteFilter(filter.getId()));
  }

  @Test
  void orQueriesWithExpressionsAreRefusedForVolunteersOverRest() {
    String orQuery = "{\"orQueries\": [{\"assigneeExpression\": \"" + EXPRESSION + "\"}]}";
    var refused = post("/engine-rest/task", VOLUNTEER, orQuery);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("reserved for administrators");
    assertThat(post("/engine-rest/task/count", VOLUNTEER, orQuery).statusCode()).isEqualTo(403);
    // the administrator may; the same query without an expression passes for the volunteer
    assertThat(post("/engine-rest/task", "demo", orQuery).statusCode()).isEqualTo(200);
    assertThat(
            post("/engine-rest/task", VOLUNTEER, "{\"orQueries\": [{\"assignee\": \"x\"}]}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void topLevelExpressionsAreRefusedOverRest() {
    assertThat(
            get("/engine-rest/task?candidateGroupExpression=" + encode(EXPRESSION), VOLUNTEER)
                .statusCode())
        .isIn(400, 403);
    assertThat(
            post("/engine-rest/task", VOLUNTEER, "{\"assigneeExpression\": \"" + EXPRESSION + "\"}")
                .statusCode())
        .isIn(400, 403);
  }

  @Test
  void storedFiltersWrittenByTheAdministratorStillWorkButCannotBeExtendedWithExpressions() {
    var inbox = post("/engine-rest/filter/" + groupFilterId + "/list", VOLUNTEER, "{}");
    assertThat(inbox.statusCode()).isEqualTo(200);
    assertThat(inbox.body()).contains(taskId);
    assertThat(
            post(
                    "/engine-rest/filter/" + groupFilterId + "/list",
                    VOLUNTEER,
                    "{\"assigneeExpression\": \"" + EXPRESSION + "\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            post(
                    "/engine-rest/filter/" + groupFilterId + "/count",
                    VOLUNTEER,
                    "{\"orQueries\": [{\"candidateGroupExpression\": \"" + EXPRESSION + "\"}]}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void aVolunteerCannotSaveAFilterWithExpressions() {
    String withExpression =
        """
        {"resourceType": "Task", "name": "Mine", "owner": "ithaca-lead",
         "query": {"orQueries": [{"assigneeExpression": "%s"}]}}
        """
            .formatted(EXPRESSION);
    assertThat(post("/engine-rest/filter/create", VOLUNTEER, withExpression).statusCode())
        .isEqualTo(403);
    assertThat(filterService.createFilterQuery().filterOwner(VOLUNTEER).count()).isZero();
    String plain =
        """
        {"resourceType": "Task", "name": "Mine", "owner": "ithaca-lead",
         "query": {"assignee": "ithaca-lead"}}
        """;
    assertThat(post("/engine-rest/filter/create", VOLUNTEER, plain).statusCode()).isEqualTo(200);
  }

  @Test
  void theJavaApiIsGuardedTheSameWay() {
    identityService.setAuthentication(
        VOLUNTEER, List.of("group-leads"), List.of(ProcessTestSupport.ITHACA));
    assertThatThrownBy(
            () ->
                taskService
                    .createTaskQuery()
                    .or()
                    .taskAssigneeExpression(EXPRESSION)
                    .endOr()
                    .list())
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(
            () ->
                filterService.list(
                    groupFilterId, taskService.createTaskQuery().dueBeforeExpression("${now()}")))
        .isInstanceOf(AuthorizationException.class);
    assertThat(filterService.list(groupFilterId)).extracting("id").contains(taskId);
    // the administrator's expression runs, as them: currentUser() is demo, and finds demo's task
    identityService.setAuthentication("demo", List.of("camunda-admin"));
    Task demos = taskService.newTask();
    demos.setName("Check the demo inbox");
    demos.setAssignee("demo");
    taskService.saveTask(demos);
    try {
      long assignedToDemo = taskService.createTaskQuery().taskAssignee("demo").count();
      assertThat(assignedToDemo).isPositive();
      assertThat(
              taskService.createTaskQuery().or().taskAssigneeExpression(EXPRESSION).endOr().count())
          .isEqualTo(assignedToDemo);
      assertThat(
              taskService
                  .createTaskQuery()
                  .or()
                  .taskAssigneeExpression(EXPRESSION)
                  .endOr()
                  .taskId(demos.getId())
                  .count())
          .isEqualTo(1);
    } finally {
      taskService.deleteTask(demos.getId(), true);
    }
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
