package org.pathtovictory.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.WebTestSupport;
import org.pathtovictory.endorsement.Intake;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Zero leaks between local groups: every demo user reads tasks, instances, variables, history and
 * decisions over {@code /engine-rest} and sees exactly the local groups (tenants) they may see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationMatrixTest extends WebTestSupport {

  static final String ITHACA = ProcessTestSupport.ITHACA;
  static final String ANN_ARBOR = ProcessTestSupport.ANN_ARBOR;
  static final Set<String> BOTH = Set.of(ITHACA, ANN_ARBOR);
  static final List<String> LOCAL_SUFFIXES =
      List.of("lead", "canvass", "press", "recruit", "phones");

  static final List<String> READS =
      List.of(
          "/task",
          "/process-instance",
          "/variable-instance",
          "/history/process-instance",
          "/history/task",
          "/history/variable-instance",
          "/history/decision-instance");

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Map<String, String>> foreignTaskIds = new HashMap<>();
  private final Map<String, String> instanceIds = new HashMap<>();

  /** Both demo groups run a campaign; each has an open task for every role. */
  @BeforeAll
  void bothGroupsRunCampaignsWithTasksForEveryRole() {
    SecurityMatrixModel.deployOnce(repositoryService);
    for (String tenant : BOTH) {
      instanceIds.put(
          tenant,
          runtimeService
              .startProcessInstanceByKey(
                  "security-matrix",
                  Map.of("leadGroup", tenant, "volunteerPhone", "+1 607 555 0100"))
              .getId());
      Map<String, String> byRole = new HashMap<>();
      for (CampaignRole role : CampaignRole.values()) {
        Task task = taskService.newTask();
        task.setName("Standalone task for " + role.groupId());
        task.setTenantId(tenant);
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), role.groupId());
        taskService.setVariableLocal(task.getId(), "note", "for " + role.groupId());
        byRole.put(role.groupId(), task.getId());
      }
      foreignTaskIds.put(tenant, byRole);
    }
    // the real process too: the intake's history lands in the lead group's tenant
    ClockUtil.setCurrentTime(
        Date.from(
            ProcessTestSupport.TODAY.atTime(9, 0).atZone(ProcessTestSupport.ZONE).toInstant()));
    try {
      runtimeService.startProcessInstanceByKey(
          "post-endorsement", Intake.endorsementDaysBeforeElection(120));
      var annArbor = Intake.with(Intake.endorsementDaysBeforeElection(120), "leadGroup", ANN_ARBOR);
      annArbor = Intake.with(annArbor, "race", "MI-06");
      annArbor = Intake.with(annArbor, "candidateName", "Jane Doe");
      runtimeService.startProcessInstanceByKey("post-endorsement", annArbor);
    } finally {
      ClockUtil.reset();
    }
  }

  static List<String> demoUsers() {
    List<String> users = new ArrayList<>(List.of("demo", "organizer", "national", "compliance"));
    for (String prefix : List.of("ithaca", "a2")) {
      LOCAL_SUFFIXES.forEach(suffix -> users.add(prefix + "-" + suffix));
    }
    return users;
  }

  /** The local groups a user may ever see: their own, or all for national staff. */
  static Set<String> maySee(String user) {
    if (user.startsWith("ithaca-")) {
      return Set.of(ITHACA);
    }
    if (user.startsWith("a2-")) {
      return Set.of(ANN_ARBOR);
    }
    return BOTH;
  }

  /** What each user must see of each read: the grants of RoleSetup, inside their tenants. */
  Set<String> mustSee(String user, String read) {
    if (user.endsWith("-lead") && read.equals("/process-instance")) {
      // leads read their group's endorsement campaigns (post-endorsement), not other processes
      return runtimeService
                  .createProcessInstanceQuery()
                  .processDefinitionKey("post-endorsement")
                  .tenantIdIn(maySee(user).toArray(String[]::new))
                  .count()
              > 0
          ? maySee(user)
          : Set.of();
    }
    boolean lead = user.endsWith("-lead");
    boolean local = user.contains("-");
    boolean reads =
        switch (user) {
          case "demo", "organizer", "compliance" -> true;
          case "national" -> read.equals("/task");
          default -> lead || read.equals("/task");
        };
    if (!reads) {
      return Set.of();
    }
    return local ? maySee(user) : BOTH;
  }

  /**
   * What the matrix compares of what a user saw. A volunteer of a local group: everything, so a
   * group that another test in the same application added counts as a leak too. National staff
   * (organizers, the national team, compliance) may see every group, and groups other tests in the
   * same application added (joining, onboarding) are theirs to see: only the two demo groups count.
   */
  static Set<String> compared(String user, Set<String> seen) {
    if (user.contains("-")) {
      return seen;
    }
    Set<String> demoGroups = new TreeSet<>(seen);
    demoGroups.retainAll(BOTH);
    return demoGroups;
  }

  @Test
  void everyDemoUserSeesExactlyTheirLocalGroups() throws Exception {
    Map<String, Map<String, Set<String>>> seen = new LinkedHashMap<>();
    for (String user : demoUsers()) {
      for (String read : READS) {
        var response = get("/engine-rest" + read + "?maxResults=2000", user);
        assertThat(response.statusCode()).as("%s GET %s", user, read).isEqualTo(200);
        Set<String> tenants = new TreeSet<>();
        for (JsonNode item : json.readTree(response.body())) {
          tenants.add(item.path("tenantId").isTextual() ? item.path("tenantId").asText() : "none");
        }
        seen.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(read, compared(user, tenants));
      }
    }
    seen.forEach((user, reads) -> System.out.println("matrix " + user + " " + reads));
    seen.forEach(
        (user, reads) ->
            reads.forEach(
                (read, tenants) -> {
                  assertThat(tenants)
                      .as("%s reading %s: no leak", user, read)
                      .isSubsetOf(maySee(user));
                  if (List.of(
                          "/task",
                          "/process-instance",
                          "/history/process-instance",
                          "/history/decision-instance")
                      .contains(read)) {
                    assertThat(tenants)
                        .as("%s reading %s", user, read)
                        .containsExactlyInAnyOrderElementsOf(mustSee(user, read));
                  }
                }));
  }

  /** The campaign board's JSON lists campaigns of the caller's local groups only. */
  @Test
  void campaignBoardListsOnlyTheCallersLocalGroups() throws Exception {
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    for (String user : demoUsers()) {
      var response = get("/api/board", user);
      assertThat(response.statusCode()).as("%s GET /api/board", user).isEqualTo(200);
      Set<String> groups = new TreeSet<>();
      for (JsonNode campaign : json.readTree(response.body()).path("campaigns")) {
        groups.add(campaign.path("leadGroup").asText());
      }
      seen.put(user, compared(user, groups));
    }
    seen.forEach((user, groups) -> System.out.println("board " + user + " " + groups));
    // both groups run an endorsement campaign: each user sees exactly their groups' campaigns
    seen.forEach(
        (user, groups) ->
            assertThat(groups).as("%s reading /api/board", user).isEqualTo(maySee(user)));
    // and a campaign of another group cannot be exported by id
    String annArborCampaign =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey("post-endorsement")
            .tenantIdIn(ANN_ARBOR)
            .list()
            .get(0)
            .getId();
    for (String user : List.of("ithaca-lead", "ithaca-canvass")) {
      assertThat(
              get("/api/board/campaigns/" + annArborCampaign + "/voter-contact.csv", user)
                  .statusCode())
          .isEqualTo(404);
    }
    assertThat(
            get("/api/board/campaigns/" + annArborCampaign + "/voter-contact.csv", "a2-phones")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aVolunteerCannotReachAnotherGroupsTaskOrCampaignById() {
    String foreignTask = foreignTaskIds.get(ANN_ARBOR).get("canvass-leads");
    for (String user : List.of("ithaca-canvass", "ithaca-lead")) {
      assertThat(get("/engine-rest/task/" + foreignTask, user).statusCode()).isIn(403, 404);
      assertThat(get("/engine-rest/task/" + foreignTask + "/variables", user).statusCode())
          .isIn(403, 404);
      assertThat(get("/engine-rest/task/" + foreignTask + "/form-variables", user).statusCode())
          .isIn(403, 404);
      assertThat(post("/engine-rest/task/" + foreignTask + "/complete", user, "{}").statusCode())
          .isBetween(400, 499);
      String foreignInstance = instanceIds.get(ANN_ARBOR);
      assertThat(get("/engine-rest/process-instance/" + foreignInstance, user).statusCode())
          .isIn(403, 404);
      assertThat(
              get("/engine-rest/process-instance/" + foreignInstance + "/variables", user)
                  .statusCode())
          .isIn(403, 404);
    }
    assertThat(taskService.createTaskQuery().taskId(foreignTask).count()).isOne();
    // the same volunteer reaches their own group's task
    String ownTask = foreignTaskIds.get(ITHACA).get("canvass-leads");
    assertThat(get("/engine-rest/task/" + ownTask + "/variables", "ithaca-canvass").statusCode())
        .isEqualTo(200);
  }
}
