package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pathtovictory.endorsement.Intake.endorsementDaysBeforeElection;
import static org.pathtovictory.endorsement.Intake.with;
import static org.pathtovictory.modeling.CampaignPlanChange.ADDED;
import static org.pathtovictory.modeling.CampaignPlanChange.PROCESS;
import static org.pathtovictory.modeling.CampaignPlanChange.REMOVED;
import static org.pathtovictory.modeling.CampaignPlanChange.RENAMED_FROM;
import static org.pathtovictory.modeling.CampaignPlanChange.RENAMED_TO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.WebTestSupport;
import org.springframework.test.context.TestPropertySource;

/**
 * Versions, changes, the dry run, the batch migration and the rollback over REST, as the demo
 * {@code organizer} (an Indivisible Organizer, so a process editor) would use them. A context of
 * its own: the versions deployed here must not reach other test classes.
 */
@TestPropertySource(properties = "pathtovictory.test-context-model-versions=true")
class ModelVersionsTest extends WebTestSupport {

  static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
  static final String ORGANIZER = "organizer";
  static final ObjectMapper JSON = new ObjectMapper();

  private CampaignStepper stepper;
  private long batchesBefore;
  private int race = 100;

  @BeforeEach
  void freshStart() {
    ClockUtil.setCurrentTime(
        Date.from(TODAY.atTime(9, 0).atZone(ZoneId.of("America/New_York")).toInstant()));
    stepper = new CampaignStepper(processEngine);
    batchesBefore = batches();
    // every test counts its own campaigns
    var runtime = processEngine.getRuntimeService();
    List<String> running =
        runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).list().stream()
            .map(pi -> pi.getId())
            .toList();
    if (!running.isEmpty()) {
      runtime.deleteProcessInstances(running, "test clean-up", true, true);
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void versionsListDeploymentTimeDeployerAndRunningCampaigns() throws Exception {
    ProcessDefinition first = startUpVersion();
    startOn(first, 120);
    startOn(first, 60);
    ProcessDefinition changed = deployChangeAsAdministrator();
    start(20);

    HttpResponse<String> response = get("/api/models/post-endorsement/versions", ORGANIZER);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode versions = JSON.readTree(response.body()).get("versions");
    JsonNode startUp = versionNode(versions, first.getVersion());
    assertThat(startUp.get("deployedBy").asText()).isEqualTo("start-up");
    assertThat(startUp.get("runningInstances").asLong()).isEqualTo(2);
    assertThat(startUp.get("newest").asBoolean()).isFalse();
    assertThat(startUp.get("deployedAt").asText()).isNotBlank();
    JsonNode newest = versionNode(versions, changed.getVersion());
    assertThat(newest.get("deployedBy").asText()).isEqualTo("demo");
    assertThat(newest.get("runningInstances").asLong()).isEqualTo(1);
    assertThat(newest.get("newest").asBoolean()).isTrue();
    assertThat(versions.get(0).get("version").asInt()).isEqualTo(changed.getVersion());
  }

  @Test
  void changesNameAddedRemovedAndRenamedElements() throws Exception {
    ProcessDefinition first = startUpVersion();
    ProcessDefinition changed = deployChangeAsAdministrator();

    HttpResponse<String> response =
        get(
            "/api/models/post-endorsement/changes?from="
                + first.getVersion()
                + "&to="
                + changed.getVersion(),
            ORGANIZER);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode changes = JSON.readTree(response.body());
    JsonNode added = byElement(changes.get("added"), ADDED);
    assertThat(added.get("name").asText()).isEqualTo("Train the canvassers");
    assertThat(added.get("description").asText())
        .contains("“Train the canvassers”")
        .contains("canvass-leads")
        .contains("form train-canvassers");
    JsonNode removed = byElement(changes.get("removed"), REMOVED);
    assertThat(removed.get("description").asText()).startsWith("Removed task “Show off the swag”");
    JsonNode renamed = byElement(changes.get("changed"), RENAMED_TO);
    assertThat(renamed.get("previousElement").asText()).isEqualTo(RENAMED_FROM);
    assertThat(renamed.get("description").asText())
        .contains("name changed from “Plan the campaign” to “Draft the campaign plan”");
    assertThat(changes.get("suggestedMappings").get(RENAMED_FROM).asText()).isEqualTo(RENAMED_TO);
    // the flow into the join no longer comes from the swag, and the field work now ends in training
    assertThat(byElement(changes.get("changed"), "Flow_FieldWorkDone").get("description").asText())
        .contains("to changed from “EndEvent_FieldWorkUnderWay” to “Task_TrainCanvassers”");
    assertThat(changes.get("summary").asText())
        .contains("%d removed".formatted(changes.get("removed").size()));
  }

  @Test
  void thirtyCampaignsInEveryPhaseAndTrackMoveAndFinish() throws Exception {
    ProcessDefinition first = startUpVersion();
    List<Campaign> campaigns = thirtyCampaigns(first);
    ProcessDefinition changed = deployChangeAsAdministrator();
    List<String> atRemovedTask =
        campaigns.stream()
            .filter(c -> stepper.activeActivities(c.id).contains(REMOVED))
            .map(c -> c.id)
            .toList();
    // every campaign in the momentum phase has the removed task open
    assertThat(atRemovedTask).hasSize(4);
    Map<String, Snapshot> before = new HashMap<>();
    campaigns.forEach(c -> before.put(c.id, snapshot(c.id)));

    HttpResponse<String> response =
        post(
            "/api/models/post-endorsement/migration",
            ORGANIZER,
            "{\"from\": %d, \"to\": %d, \"mappings\": {\"%s\": \"%s\"}}"
                .formatted(first.getVersion(), changed.getVersion(), RENAMED_FROM, RENAMED_TO));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.get("moving").asInt()).isEqualTo(26);
    assertThat(answer.get("notMoving").asInt()).isEqualTo(4);
    List<String> staying = new ArrayList<>();
    answer
        .get("notMovingInstances")
        .forEach(
            instance -> {
              staying.add(instance.get("processInstanceId").asText());
              assertThat(instance.get("obstacles").toString()).contains(REMOVED);
            });
    assertThat(staying).containsExactlyInAnyOrderElementsOf(atRemovedTask);
    String batchId = answer.get("batchId").asText();
    // the engine logs who migrated
    assertThat(
            processEngine
                .getHistoryService()
                .createUserOperationLogQuery()
                .operationType(UserOperationLogEntry.OPERATION_TYPE_MIGRATE)
                .userId(ORGANIZER)
                .count())
        .isPositive();

    executeBatch(batchId);

    for (Campaign campaign : campaigns) {
      String definition =
          processEngine
              .getRuntimeService()
              .createProcessInstanceQuery()
              .processInstanceId(campaign.id)
              .singleResult()
              .getProcessDefinitionId();
      if (staying.contains(campaign.id)) {
        assertThat(definition).isEqualTo(first.getId());
        assertThat(snapshot(campaign.id)).isEqualTo(before.get(campaign.id));
      } else {
        assertThat(definition).as(campaign.stage).isEqualTo(changed.getId());
        assertThat(snapshot(campaign.id))
            .as(campaign.stage)
            .isEqualTo(before.get(campaign.id).renamed(RENAMED_FROM, RENAMED_TO));
      }
    }
    // every campaign, moved or not, continues to wrap-up
    for (Campaign campaign : campaigns) {
      stepper.driveToEnd(campaign.id);
      assertThat(
              processEngine
                  .getHistoryService()
                  .createHistoricActivityInstanceQuery()
                  .processInstanceId(campaign.id)
                  .activityId("EndEvent_CampaignWrappedUp")
                  .count())
          .as(campaign.stage)
          .isEqualTo(1);
    }
    // the moved campaigns that were still before the end of the field work trained canvassers
    assertThat(
            processEngine
                .getHistoryService()
                .createHistoricTaskInstanceQuery()
                .taskDefinitionKey(ADDED)
                .count())
        .isPositive();
  }

  @Test
  void dryRunNamesTheCampaignThatCannotMoveAndWhy() throws Exception {
    ProcessDefinition first = startUpVersion();
    String atSwag = startOn(first, 120);
    stepper.stepUntil(atSwag, only(REMOVED));
    String planning = startOn(first, 60);
    stepper.stepUntil(planning, active(RENAMED_FROM));
    ProcessDefinition changed = deployChangeAsAdministrator();
    String path =
        "/api/models/post-endorsement/migration?from="
            + first.getVersion()
            + "&to="
            + changed.getVersion();

    JsonNode withoutMapping = JSON.readTree(get(path, ORGANIZER).body());
    JsonNode withMapping =
        JSON.readTree(get(path + "&mappings=" + RENAMED_FROM + ":" + RENAMED_TO, ORGANIZER).body());

    JsonNode swag = byInstance(withoutMapping, atSwag);
    assertThat(swag.get("canMove").asBoolean()).isFalse();
    assertThat(swag.get("candidate").asText()).isEqualTo("Josh Riley");
    assertThat(swag.get("at").toString()).contains(REMOVED).contains("Show off the swag");
    JsonNode obstacle = byElement(swag.get("obstacles"), REMOVED);
    assertThat(obstacle.get("reason").asText())
        .contains("“Show off the swag” (Task_ShowOffSwag), which the new version does not have");
    assertThat(obstacle.get("engineReport").size()).isPositive();
    assertThat(byInstance(withoutMapping, planning).get("canMove").asBoolean()).isFalse();
    assertThat(byInstance(withMapping, planning).get("canMove").asBoolean()).isTrue();
    assertThat(byInstance(withMapping, atSwag).get("canMove").asBoolean()).isFalse();
    assertThat(withMapping.get("summary").asText())
        .contains("1 of 2 running campaign(s)")
        .contains("Show off the swag");
    // a dry run moves nothing
    assertThat(definitionOf(planning)).isEqualTo(first.getId());
    assertThat(batches()).as("no batch created").isEqualTo(batchesBefore);
  }

  @Test
  void rollbackMakesThePreviousVersionNewestAndMovesCampaignsBack() throws Exception {
    // the shipped model is the newest, then the change is deployed on top of it
    ProcessDefinition shipped = startUpVersion();
    processEngine
        .getRepositoryService()
        .createDeployment()
        .name("shipped-model-again")
        .addDeploymentResourceByName(shipped.getDeploymentId(), shipped.getResourceName())
        .deploy();
    ProcessDefinition previous = newest();
    ProcessDefinition changed = deployChangeAsAdministrator();
    String drafting = start(60);
    stepper.stepUntil(drafting, active(RENAMED_TO));
    String justStarted = start(120);

    HttpResponse<String> response =
        post(
            "/api/models/post-endorsement/rollback",
            ORGANIZER,
            "{\"mappings\": {\"%s\": \"%s\"}}".formatted(RENAMED_TO, RENAMED_FROM));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    int newVersion = changed.getVersion() + 1;
    assertThat(answer.get("newVersion").asInt()).isEqualTo(newVersion);
    assertThat(answer.get("abandonedVersion").asInt()).isEqualTo(changed.getVersion());
    assertThat(answer.get("restoredVersion").asInt()).isEqualTo(previous.getVersion());
    assertThat(answer.get("summary").asText())
        .contains(
            "Version %d (a copy of version %d) is now the newest"
                .formatted(newVersion, previous.getVersion()))
        .contains("2 running campaign(s) of version " + changed.getVersion() + " are moving");
    ProcessDefinition newest =
        processEngine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey(PROCESS)
            .latestVersion()
            .singleResult();
    assertThat(newest.getVersion()).isEqualTo(newVersion);
    assertThat(bpmnOf(newest)).isEqualTo(bpmnOf(previous)).isNotEqualTo(bpmnOf(changed));

    executeBatch(answer.get("migration").get("batchId").asText());

    assertThat(definitionOf(drafting)).isEqualTo(newest.getId());
    assertThat(definitionOf(justStarted)).isEqualTo(newest.getId());
    assertThat(stepper.activeActivities(drafting)).contains(RENAMED_FROM);
    stepper.driveToEnd(drafting);
    // the rollback was deployed by the organizer
    JsonNode versions =
        JSON.readTree(get("/api/models/post-endorsement/versions", ORGANIZER).body())
            .get("versions");
    assertThat(versionNode(versions, newVersion).get("deployedBy").asText()).isEqualTo(ORGANIZER);
    assertThat(versionNode(versions, newVersion).get("runningInstances").asInt()).isEqualTo(1);
  }

  @Test
  void rollbackOfAProcessWithOneVersionIsRefused() throws Exception {
    HttpResponse<String> response = post("/api/models/spending-question/rollback", ORGANIZER, "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("processKey").contains("only one version");
  }

  @Test
  void volunteersMayNotSeeVersionsOrMoveCampaigns() {
    for (String path :
        List.of(
            "/api/models/post-endorsement/versions",
            "/api/models/post-endorsement/changes?from=1&to=1",
            "/api/models/post-endorsement/migration?from=1&to=1")) {
      HttpResponse<String> response = get(path, "ithaca-lead");
      assertThat(response.statusCode()).as(path).isEqualTo(403);
      assertThat(response.body()).as(path).contains("Only process editors");
    }
    assertThat(
            post("/api/models/post-endorsement/migration", "ithaca-lead", "{\"from\":1,\"to\":1}")
                .statusCode())
        .isEqualTo(403);
    assertThat(post("/api/models/post-endorsement/rollback", "ithaca-lead", "{}").statusCode())
        .isEqualTo(403);
    assertThat(get("/api/models/post-endorsement/versions", null).statusCode()).isEqualTo(401);
    assertThat(batches()).as("no batch created").isEqualTo(batchesBefore);
  }

  @Test
  void unknownProcessIsRefusedNamingTheField() throws Exception {
    HttpResponse<String> response = get("/api/models/no-such-process/versions", ORGANIZER);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(problemFields(response)).containsExactly("processKey");
  }

  @Test
  void versionThatDoesNotExistIsRefusedNamingTheField() throws Exception {
    HttpResponse<String> response =
        post("/api/models/post-endorsement/migration", ORGANIZER, "{\"from\": 1, \"to\": 99}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(problemFields(response)).containsExactly("to");
    assertThat(response.body()).contains("has no version 99");
  }

  @Test
  void mappingNamingAnUnknownElementIsRefusedNamingTheField() throws Exception {
    ProcessDefinition first = startUpVersion();
    ProcessDefinition changed = deployChangeAsAdministrator();
    start(60);

    HttpResponse<String> response =
        post(
            "/api/models/post-endorsement/migration",
            ORGANIZER,
            "{\"from\": %d, \"to\": %d, \"mappings\": {\"Task_NoSuchStep\": \"%s\"}}"
                .formatted(first.getVersion(), changed.getVersion(), RENAMED_TO));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(problemFields(response)).containsExactly("mappings.Task_NoSuchStep");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("org.camunda");
    assertThat(batches()).as("no batch created").isEqualTo(batchesBefore);
  }

  @Test
  void mappingCamundaRefusesIsNamedWithCamundasReason() throws Exception {
    ProcessDefinition first = startUpVersion();
    ProcessDefinition changed = deployChangeAsAdministrator();
    // a campaign waiting at the task, so that a batch would have something to move
    List<Campaign> waiting = new ArrayList<>();
    add(waiting, first, 60, "ACCELERATED planning", active(RENAMED_FROM));
    String campaign = waiting.get(0).id();
    Snapshot before = snapshot(campaign);
    // what Camunda itself says when asked to map a task to a timer
    List<String> camundasReason =
        assertThrows(
                MigrationPlanValidationException.class,
                () ->
                    processEngine
                        .getRuntimeService()
                        .createMigrationPlan(first.getId(), changed.getId())
                        .mapActivities(RENAMED_FROM, "TimerEvent_WeekPassed")
                        .build())
            .getValidationReport()
            .getInstructionReports()
            .get(0)
            .getFailures();
    assertThat(camundasReason).isNotEmpty();

    // a task cannot become a timer
    HttpResponse<String> response =
        post(
            "/api/models/post-endorsement/migration",
            ORGANIZER,
            "{\"from\": %d, \"to\": %d, \"mappings\": {\"%s\": \"TimerEvent_WeekPassed\"}}"
                .formatted(first.getVersion(), changed.getVersion(), RENAMED_FROM));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(problemFields(response)).containsExactly("mappings." + RENAMED_FROM);
    String reason = JSON.readTree(response.body()).get("problems").get(0).get("reason").asText();
    assertThat(reason).contains(RENAMED_FROM).contains("TimerEvent_WeekPassed");
    assertThat(reason).contains(camundasReason);
    // nothing moved: no batch, the campaign still on its version, its tasks and timers as before
    assertThat(batches()).as("no batch created").isEqualTo(batchesBefore);
    assertThat(
            processEngine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(campaign)
                .singleResult()
                .getProcessDefinitionId())
        .isEqualTo(first.getId());
    assertThat(snapshot(campaign)).isEqualTo(before);
  }

  @Test
  void missingBodyIsRefused() throws Exception {
    HttpResponse<String> response = post("/api/models/post-endorsement/migration", ORGANIZER, "");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(problemFields(response)).containsExactly("from");
  }

  // ---- fixtures

  record Campaign(String id, String stage) {}

  /** Tasks (id, key, assignee, due date, version) and timers (id, activity, due date). */
  record Snapshot(List<String> tasks, List<String> timers) {
    Snapshot renamed(String from, String to) {
      return new Snapshot(
          tasks.stream().map(t -> t.replace("|" + from + "|", "|" + to + "|")).toList(), timers);
    }
  }

  private Snapshot snapshot(String processInstanceId) {
    List<String> tasks =
        processEngine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(processInstanceId)
            .list()
            .stream()
            .map(
                (Task t) ->
                    t.getId()
                        + "|"
                        + t.getTaskDefinitionKey()
                        + "|"
                        + t.getAssignee()
                        + "|"
                        + t.getDueDate())
            .sorted()
            .toList();
    List<String> timers =
        processEngine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(processInstanceId)
            .timers()
            .list()
            .stream()
            .map(
                (Job j) ->
                    j.getId()
                        + "|"
                        + processEngine
                            .getManagementService()
                            .createJobDefinitionQuery()
                            .jobDefinitionId(j.getJobDefinitionId())
                            .singleResult()
                            .getActivityId()
                        + "|"
                        + j.getDuedate())
            .sorted()
            .toList();
    return new Snapshot(tasks, timers);
  }

  /** 30 campaigns, ten per track, spread from the national package to wrap-up. */
  private List<Campaign> thirtyCampaigns(ProcessDefinition version) {
    List<Campaign> campaigns = new ArrayList<>();
    // FULL (120 days to the election)
    add(campaigns, version, 120, "FULL just endorsed", active("CallActivity_ComplianceGateway"));
    add(campaigns, version, 120, "FULL kick-off", active("Task_HoldKickoffSession"));
    add(campaigns, version, 120, "FULL sign-off", active("Task_SignOffPlan"));
    add(campaigns, version, 120, "FULL follow-up", active("Task_FollowUpCommitments"));
    add(campaigns, version, 120, "FULL momentum", active("Task_SendGroupPressRelease"));
    add(campaigns, version, 120, "FULL swag left", only(REMOVED));
    add(campaigns, version, 120, "FULL field work half done", fieldWorkHalfDone());
    add(campaigns, version, 120, "FULL get-out-the-vote", active("Task_KnockDoorsForGotv"));
    add(campaigns, version, 120, "FULL election result", active("Task_RecordElectionResult"));
    add(campaigns, version, 120, "FULL wrap-up", active("Task_ReportToOrganizer"));
    // ACCELERATED (60 days)
    add(campaigns, version, 60, "ACCELERATED compliance", active("Task_AcknowledgeFirewall"));
    add(campaigns, version, 60, "ACCELERATED planning", active(RENAMED_FROM));
    add(campaigns, version, 60, "ACCELERATED national package left", active("Task_OrderSwag"));
    add(campaigns, version, 60, "ACCELERATED momentum", active("Task_ThrowKickoffParty"));
    add(campaigns, version, 60, "ACCELERATED swag left", only(REMOVED));
    add(campaigns, version, 60, "ACCELERATED field work", active("Task_OrganizeCanvassing"));
    add(campaigns, version, 60, "ACCELERATED field work done", fieldWorkDone());
    add(campaigns, version, 60, "ACCELERATED gotv shifts", active("Task_PlanGotvShifts"));
    add(
        campaigns,
        version,
        60,
        "ACCELERATED waiting for election day",
        active("TimerEvent_WaitForElectionDay"));
    add(campaigns, version, 60, "ACCELERATED thanks and debrief", active("Task_HoldDebrief"));
    // GOTV_ONLY (20 days)
    add(campaigns, version, 20, "GOTV_ONLY just endorsed", a -> true);
    add(campaigns, version, 20, "GOTV_ONLY quick plan", active("Task_MakeQuickPlan"));
    add(campaigns, version, 20, "GOTV_ONLY package half done", packageHalfDone());
    add(campaigns, version, 20, "GOTV_ONLY voter contact", active("Task_RunPhoneBank"));
    String reporting = startOn(version, 20);
    stepper.stepUntil(reporting, active("TimerEvent_WeekPassed"));
    processEngine
        .getManagementService()
        .executeJob(stepper.timer(reporting, "TimerEvent_WeekPassed").getId());
    assertThat(stepper.activeActivities(reporting)).contains("Task_ReportVoterContact");
    campaigns.add(new Campaign(reporting, "GOTV_ONLY weekly report"));
    add(campaigns, version, 20, "GOTV_ONLY field work half done", fieldWorkHalfDone());
    add(campaigns, version, 20, "GOTV_ONLY get-out-the-vote", active("Task_SendGotvTexts"));
    add(campaigns, version, 20, "GOTV_ONLY gotv half done", only("Task_SendGotvTexts"));
    add(campaigns, version, 20, "GOTV_ONLY election result", active("Task_RecordElectionResult"));
    add(campaigns, version, 20, "GOTV_ONLY thanks", active("Task_ThankVolunteers"));
    assertThat(campaigns).hasSize(30);
    return campaigns;
  }

  private void add(
      List<Campaign> campaigns,
      ProcessDefinition version,
      int daysToElection,
      String stage,
      Predicate<List<String>> where) {
    String id = startOn(version, daysToElection);
    stepper.stepUntil(id, where);
    campaigns.add(new Campaign(id, stage));
  }

  private static Predicate<List<String>> active(String activityId) {
    return active -> active.contains(activityId);
  }

  /** The only task open is this one (a parallel join may hold tokens). */
  private static Predicate<List<String>> only(String taskId) {
    return active ->
        active.contains(taskId)
            && active.stream().filter(a -> a.startsWith("Task_")).allMatch(taskId::equals);
  }

  /** Check, bio and graphics done; the swag order and the announcement left. */
  private static Predicate<List<String>> packageHalfDone() {
    return active ->
        active.contains("Task_OrderSwag") && !active.contains("Task_CreateCustomGraphics");
  }

  /** Canvassing and letters done: their tokens wait at the field-work join. */
  private static Predicate<List<String>> fieldWorkHalfDone() {
    return active ->
        active.contains("Task_RunPhoneBank") && !active.contains("Task_WriteLettersToEditor");
  }

  /** Field work done; only the weekly reports and the get-out-the-vote timer remain. */
  private static Predicate<List<String>> fieldWorkDone() {
    return active ->
        active.contains("TimerEvent_WeekPassed")
            && active.stream().noneMatch(a -> a.startsWith("Task_"));
  }

  /** A campaign on the newest version. */
  private String start(int daysToElection) {
    return startOn(newest(), daysToElection);
  }

  /** A campaign on the given version, {@code daysToElection} before its general election. */
  private String startOn(ProcessDefinition version, int daysToElection) {
    Map<String, Object> intake =
        with(endorsementDaysBeforeElection(daysToElection), "race", "NY-" + race++);
    return processEngine
        .getRuntimeService()
        .startProcessInstanceById(version.getId(), intake)
        .getId();
  }

  private ProcessDefinition newest() {
    return processEngine
        .getRepositoryService()
        .createProcessDefinitionQuery()
        .processDefinitionKey(PROCESS)
        .latestVersion()
        .singleResult();
  }

  private ProcessDefinition startUpVersion() {
    return processEngine
        .getRepositoryService()
        .createProcessDefinitionQuery()
        .processDefinitionKey(PROCESS)
        .processDefinitionVersion(1)
        .singleResult();
  }

  /** Deployed with the engine API as the administrator {@code demo}, as Modeler would. */
  private ProcessDefinition deployChangeAsAdministrator() {
    identityService.setAuthentication("demo", List.of(Groups.CAMUNDA_ADMIN));
    try {
      return CampaignPlanChange.deploy(processEngine);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private long batches() {
    return processEngine.getManagementService().createBatchQuery().count();
  }

  private String bpmnOf(ProcessDefinition definition) {
    try (var in =
        processEngine
            .getRepositoryService()
            .getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String definitionOf(String processInstanceId) {
    return processEngine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceId(processInstanceId)
        .singleResult()
        .getProcessDefinitionId();
  }

  /** Runs the batch as the job executor would: seed job, migration jobs, monitor job. */
  private void executeBatch(String batchId) {
    var management = processEngine.getManagementService();
    Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
    assertThat(batch).isNotNull();
    for (int round = 0; round < 20; round++) {
      List<Job> jobs =
          management.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId()).list();
      List<Job> migrations =
          management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).list();
      List<Job> all = new ArrayList<>(jobs);
      all.addAll(migrations);
      if (all.isEmpty()) {
        break;
      }
      all.forEach(job -> management.executeJob(job.getId()));
    }
    assertThat(management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).count())
        .isZero();
    assertThat(processEngine.getRuntimeService().createIncidentQuery().count()).isZero();
  }

  private static JsonNode versionNode(JsonNode versions, int version) {
    for (JsonNode node : versions) {
      if (node.get("version").asInt() == version) {
        return node;
      }
    }
    throw new AssertionError("no version " + version + " in " + versions);
  }

  private static JsonNode byElement(JsonNode list, String element) {
    for (JsonNode node : list) {
      if (element.equals(node.get("element").asText())) {
        return node;
      }
    }
    throw new AssertionError("no " + element + " in " + list);
  }

  private static JsonNode byInstance(JsonNode dryRun, String processInstanceId) {
    for (JsonNode node : dryRun.get("instances")) {
      if (processInstanceId.equals(node.get("processInstanceId").asText())) {
        return node;
      }
    }
    throw new AssertionError("no " + processInstanceId + " in " + dryRun);
  }

  private static List<String> problemFields(HttpResponse<String> response) throws Exception {
    List<String> fields = new ArrayList<>();
    JSON.readTree(response.body())
        .get("problems")
        .forEach(p -> fields.add(p.get("field").asText()));
    return fields;
  }
}
