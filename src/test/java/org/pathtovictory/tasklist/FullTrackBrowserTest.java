package org.pathtovictory.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A whole FULL-track endorsement the way people work it: the group lead records it from the start
 * form; then whoever the process asks (national team, compliance reviewer, organizer, group lead,
 * canvass lead, press liaison, recruitment captain, phone and text lead) logs in as themselves,
 * finds the task under "My group's open tasks", claims it, fills its form and completes it, until
 * the campaign waits for the calendar (the weekly voter-contact report).
 */
class FullTrackBrowserTest extends BrowserTestSupport {

  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired org.camunda.bpm.engine.RuntimeService runtimeService;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;

  private final Map<String, Tasklist> loggedIn = new HashMap<>();
  private final Set<String> firedTimers = new java.util.HashSet<>();

  @Test
  void everyRoleWorksItsTasksInTasklistThroughAFullTrackCampaign() {
    // Given the lead records an endorsement 120 days before the general election, with spending
    Tasklist lead = as("ithaca-lead");
    CamundaForm intake =
        lead.openStartForm(
            IntakeStartFormBrowserTest.PROCESS_NAME, IntakeStartFormBrowserTest.INTAKE_FORM);
    Map<String, Object> chosen = new HashMap<>(EveryFormBrowserTest.CHOSEN);
    chosen.put("candidateName", "Full Track Candidate");
    chosen.put("organizationType", "UNINCORPORATED");
    chosen.put("voterContactProgram", "CAMPAIGN");
    chosen.put("plannedSpending", true);
    chosen.put("spendingDescription", "Kick-off party, about $300");
    chosen.put("endorsementDate", EveryFormBrowserTest.TODAY);
    intake.fillValid(chosen, EveryFormBrowserTest.TODAY);
    lead.screenshot("full track intake");
    lead.clickStart();
    HistoricProcessInstance campaign = waitForCampaign("Full Track Candidate");

    // When every task the process hands out is worked in Tasklist by its own role
    Map<String, EveryFormBrowserTest.FormUse> formOfActivity =
        EveryFormBrowserTest.formUses().values().stream()
            .filter(use -> !use.startForm())
            .collect(Collectors.toMap(EveryFormBrowserTest.FormUse::activityId, use -> use));
    List<String> steps = new ArrayList<>();
    Set<String> people = new LinkedHashSet<>();
    int jobRounds = 0;
    for (int step = 0; step < 45; step++) {
      List<Task> open =
          taskService
              .createTaskQuery()
              .processInstanceBusinessKey(campaign.getBusinessKey())
              .orderByTaskCreateTime()
              .asc()
              .list();
      if (open.isEmpty()) {
        // the campaign waits for the calendar (weekly report, get-out-the-vote, election day):
        // the test profile has no job executor, so the test lets that time pass
        if (jobRounds++ < 10 && fireDueTimers(campaign.getBusinessKey())) {
          continue;
        }
        break;
      }
      Task task = open.get(0);
      String user = userFor(task);
      EveryFormBrowserTest.FormUse use = formOfActivity.get(task.getTaskDefinitionKey());
      assertThat(use).as("form of %s", task.getTaskDefinitionKey()).isNotNull();
      Tasklist tasklist = as(user);
      tasklist.findAndClaim("My group's open tasks", task.getName());
      CamundaForm form = tasklist.taskForm(use.formId());
      form.assertEveryUnconditionalFieldRendered();
      form.fillValid(chosen, EveryFormBrowserTest.TODAY);
      tasklist.screenshot("full track " + task.getName());
      tasklist.clickComplete();
      waitUntilCompleted(tasklist, task);
      steps.add(user + ": " + task.getName());
      people.add(user);
    }
    System.out.println("FULL-track walk in Tasklist:\n  " + String.join("\n  ", steps));

    // Then the campaign went through compliance, planning, momentum and voter contact
    assertThat(
            historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(campaign.getId())
                .variableName("planningTrack")
                .singleResult()
                .getValue())
        .isEqualTo("FULL");
    assertThat(people)
        .contains(
            "national",
            "compliance",
            "organizer",
            "ithaca-lead",
            "ithaca-canvass",
            "ithaca-press",
            "ithaca-recruit",
            "ithaca-phones");
    assertThat(
            historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(campaign.getId())
                .finished()
                .count())
        .as("the campaign ran to its end")
        .isOne();
    assertThat(completedActivities(campaign.getId()))
        .contains(
            "Task_HoldKickoffSession",
            "Task_PlanTacticsAndTimeline",
            "Task_AssignCampaignLeads",
            "Task_SendGroupPressRelease",
            "Task_ShowOffSwag",
            "Task_OrganizeCanvassing",
            "Task_RunPhoneBank",
            "Task_ReportVoterContact",
            "Task_PlanGotvShifts",
            "Task_RecordElectionResult",
            "Task_ReportToOrganizer");
  }

  /** Executes the campaign's waiting jobs (timers), earliest first; false when there are none. */
  private boolean fireDueTimers(String businessKey) {
    List<String> instances =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(businessKey)
            .list()
            .stream()
            .map(org.camunda.bpm.engine.runtime.ProcessInstance::getId)
            .toList();
    var jobs =
        instances.isEmpty()
            ? List.<org.camunda.bpm.engine.runtime.Job>of()
            : managementService
                .createJobQuery()
                .processInstanceIds(new java.util.HashSet<>(instances))
                .orderByJobDuedate()
                .asc()
                .list();
    // each kind of timer once: one weekly report is enough to prove the form
    for (var job : jobs) {
      if (firedTimers.add(job.getJobDefinitionId())) {
        managementService.executeJob(job.getId());
        return true;
      }
    }
    return false;
  }

  private HistoricProcessInstance waitForCampaign(String candidate) {
    for (int i = 0; i < 40; i++) {
      HistoricProcessInstance instance =
          historyService
              .createHistoricProcessInstanceQuery()
              .processDefinitionKey("post-endorsement")
              .variableValueEquals("candidateName", candidate)
              .singleResult();
      if (instance != null) {
        return instance;
      }
      as("ithaca-lead").page().waitForTimeout(250);
    }
    throw new AssertionError("the start form started no campaign for " + candidate);
  }

  private Set<String> completedActivities(String processInstanceId) {
    return historyService
        .createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId)
        .finished()
        .list()
        .stream()
        .map(a -> a.getActivityId())
        .collect(Collectors.toSet());
  }

  private String userFor(Task task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId)
        .filter(EveryFormBrowserTest.USER_OF_GROUP::containsKey)
        .map(EveryFormBrowserTest.USER_OF_GROUP::get)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no demo user works " + task.getName()));
  }

  private Tasklist as(String user) {
    return loggedIn.computeIfAbsent(user, this::loginToTasklist);
  }
}
