package org.pathtovictory.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every Camunda Form in {@code forms/} is opened in Tasklist by a user of the role that gets it: it
 * shows every field, refuses invalid input with a visible message, and submits its values under the
 * form's keys with the types the processes read. The list comes from the folder, so a new form
 * without a place in the processes, or that Tasklist cannot complete, fails here.
 */
class EveryFormBrowserTest extends BrowserTestSupport {

  static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/New_York"));

  /** The demo user who works the tasks of each role in Ithaca. */
  static final Map<String, String> USER_OF_GROUP =
      Map.of(
          "group-leads", "ithaca-lead",
          "canvass-leads", "ithaca-canvass",
          "press-liaisons", "ithaca-press",
          "recruitment-captains", "ithaca-recruit",
          "phonebank-leads", "ithaca-phones",
          "indivisible-organizers", "organizer",
          "national-endorsements", "national",
          "compliance-reviewers", "compliance");

  /** Values that must be exactly these (users, contract codes); the rest is generic. */
  static final Map<String, Object> CHOSEN = new HashMap<>();

  static {
    CHOSEN.put("canvassLead", "ithaca-canvass");
    CHOSEN.put("pressLiaison", "ithaca-press");
    CHOSEN.put("recruitmentCaptain", "ithaca-recruit");
    CHOSEN.put("phonebankLead", "ithaca-phones");
    CHOSEN.put("generalElectionDate", TODAY.plusDays(120));
    CHOSEN.put("primaryDate", null);
    CHOSEN.put("race", "NY-24");
    CHOSEN.put("office", "U.S. House");
    CHOSEN.put("partnerGroups", null);
  }

  private static final AtomicInteger RACE = new AtomicInteger(100);

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  private final Map<String, Tasklist> loggedIn = new HashMap<>();

  @AfterEach
  void forgetLogins() {
    loggedIn.clear();
  }

  /** Where each form is used: a start event or a user task of one of the processes. */
  record FormUse(
      String formId, String processKey, String processName, String activityId, boolean startForm) {}

  static Map<String, FormUse> formUses() {
    Map<String, FormUse> uses = new TreeMap<>();
    try (Stream<Path> models = Files.list(Path.of("processes"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
        for (Process process : bpmn.getModelElementsByType(Process.class)) {
          for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
            if (start.getCamundaFormRef() != null) {
              uses.putIfAbsent(
                  start.getCamundaFormRef(),
                  new FormUse(
                      start.getCamundaFormRef(),
                      process.getId(),
                      process.getName(),
                      start.getId(),
                      true));
            }
          }
          for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
            if (task.getCamundaFormRef() != null && processOf(task) == process) {
              uses.putIfAbsent(
                  task.getCamundaFormRef(),
                  new FormUse(
                      task.getCamundaFormRef(),
                      process.getId(),
                      process.getName(),
                      task.getId(),
                      false));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return uses;
  }

  private static Process processOf(UserTask task) {
    org.camunda.bpm.model.xml.instance.ModelElementInstance parent = task.getParentElement();
    while (!(parent instanceof Process)) {
      parent = parent.getParentElement();
    }
    return (Process) parent;
  }

  static List<String> formsInFolder() {
    try (Stream<Path> forms = Files.list(CamundaForm.FORMS)) {
      return forms
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".form"))
          .map(name -> name.substring(0, name.length() - ".form".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyFormRendersRefusesInvalidInputAndSubmitsTypedValues() {
    Map<String, FormUse> uses = formUses();
    Map<String, String> problems = new LinkedHashMap<>();
    // -Dtasklist.forms=a,b checks only those while working on them
    String only = System.getProperty("tasklist.forms", "");
    for (String formId : formsInFolder()) {
      if (!only.isEmpty() && !List.of(only.split(",")).contains(formId)) {
        continue;
      }
      FormUse use = uses.get(formId);
      if (use == null) {
        problems.put(formId, "no start event or user task uses it");
        continue;
      }
      try {
        if (use.startForm()) {
          checkStartForm(use);
        } else {
          checkTaskForm(use);
        }
      } catch (AssertionError | RuntimeException e) {
        problems.put(
            formId,
            e.getMessage()
                .lines()
                .filter(line -> !line.contains("  at ") && !line.startsWith("stack"))
                .limit(12)
                .reduce("", (a, b) -> a + " " + b.strip()));
        loggedIn.values().forEach(t -> t.screenshot(formId + " FAILED"));
      }
    }
    assertThat(problems).as("forms that do not work in Tasklist").isEmpty();
  }

  private void checkStartForm(FormUse use) {
    Tasklist lead = as("ithaca-lead");
    lead.page().navigate(baseUrl() + "/camunda/app/tasklist/default/");
    lead.page().locator(".task-filter").first().waitFor();
    CamundaForm form = lead.openStartForm(use.processName(), use.formId());
    form.assertEveryUnconditionalFieldRendered();
    long before = instancesOf(use.processKey());
    Optional<String> refused = form.enterInvalidInput(lead::tryStart);
    assertRefusalShown(lead, form, refused);
    lead.screenshot(use.formId() + " refuses invalid input");
    // the refusal is shown: the attempt is over, and it started nothing
    assertThat(instancesOf(use.processKey()))
        .as("%s started nothing with invalid %s", use.formId(), refused.orElse("-"))
        .isEqualTo(before);
    assertThat(lead.startDialogOpen()).as("%s still open", use.formId()).isTrue();
    Map<String, Object> entered = form.fillValid(CHOSEN, TODAY);
    lead.screenshot(use.formId() + " filled in");
    lead.clickStart();
    lead.page()
        .locator(".modal-content")
        .waitFor(
            new com.microsoft.playwright.Locator.WaitForOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    var started =
        historyService
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(use.processKey())
            .orderByProcessInstanceStartTime()
            .desc()
            .list();
    assertThat(started).as("%s started an instance", use.formId()).hasSize((int) before + 1);
    assertSubmitted(form, entered, started.get(0).getId());
  }

  private void checkTaskForm(FormUse use) {
    Task task = openTaskOf(use);
    String user = userFor(task);
    if (task.getAssignee() == null) {
      // claimed beforehand: claiming in Tasklist and finding a task through the filters are
      // FullTrackBrowserTest's; here the form is the subject
      taskService.claim(task.getId(), user);
    }
    Tasklist tasklist = as(user);
    // by the link of its mail
    tasklist.openByLink(task.getId(), task.getName());
    CamundaForm form = tasklist.taskForm(use.formId());
    form.assertEveryUnconditionalFieldRendered();
    tasklist.screenshot(use.formId() + " opened");
    long variablesBefore = variablesOf(task.getProcessInstanceId());
    Optional<String> refused = form.enterInvalidInput(tasklist::tryComplete);
    assertRefusalShown(tasklist, form, refused);
    tasklist.screenshot(use.formId() + " refuses invalid input");
    // the refusal is shown: the task is still open and nothing of the form was stored
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count())
        .as("%s still open after invalid %s", use.formId(), refused.orElse("-"))
        .isEqualTo(1);
    assertThat(variablesOf(task.getProcessInstanceId()))
        .as("variables of %s after invalid %s", use.formId(), refused.orElse("-"))
        .isEqualTo(variablesBefore);
    if (refused.isPresent()) {
      // the valid values go into the form afresh: the refused attempt left its messages on this one
      tasklist.openByLink(task.getId(), task.getName());
      form = tasklist.taskForm(use.formId());
    }
    Map<String, Object> entered = form.fillValid(CHOSEN, TODAY);
    assertThat(form.errors()).as("%s accepts the valid values", use.formId()).isEmpty();
    tasklist.screenshot(use.formId() + " filled in");
    tasklist.clickComplete();
    waitUntilCompleted(tasklist, task);
    assertSubmitted(form, entered, task.getProcessInstanceId());
    deleteCampaigns(); // the next form's task is then the only one of its name
  }

  /** Instances of this process, running or finished. */
  private long instancesOf(String processKey) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(processKey)
        .count();
  }

  private long variablesOf(String processInstanceId) {
    return historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId)
        .count();
  }

  private void assertRefusalShown(Tasklist tasklist, CamundaForm form, Optional<String> field) {
    if (field.isEmpty()) {
      return; // the form has no rule to break (e.g. a single optional checkbox)
    }
    try {
      tasklist
          .page()
          .locator(".fjs-form-field-error, .alert-danger:visible")
          .first()
          .waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(5_000));
    } catch (com.microsoft.playwright.TimeoutError noMessage) {
      // the assertion below says which field showed nothing
    }
    String message = form.errorOf(field.get());
    if (message.isEmpty()) {
      message = String.join(" ", form.errors());
    }
    if (message.isEmpty()) {
      message = String.join(" ", tasklist.errorNotifications());
    }
    assertThat(message)
        .as("form %s shows a message for invalid %s", form.formId(), field.get())
        .isNotBlank();
  }

  private void assertSubmitted(CamundaForm form, Map<String, Object> entered, String instanceId) {
    Map<String, HistoricVariableInstance> variables = new HashMap<>();
    historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceId(instanceId)
        .list()
        .forEach(v -> variables.putIfAbsent(v.getName(), v));
    entered.forEach(
        (key, value) -> {
          JsonNode component = form.component(key);
          HistoricVariableInstance variable = variables.get(key);
          assertThat(variable).as("form %s submitted %s", form.formId(), key).isNotNull();
          assertThat(CamundaForm.submittedTypes(component))
              .as("type of %s submitted by %s", key, form.formId())
              .contains(variable.getTypeName());
          if ("string".equals(variable.getTypeName())) {
            assertThat(variable.getValue()).as(key).isEqualTo(String.valueOf(value));
          }
        });
  }

  /** A live task of the form's activity, in a fresh campaign of its own. */
  private Task openTaskOf(FormUse use) {
    String race = "NY-" + RACE.incrementAndGet();
    Map<String, Object> intake = new HashMap<>();
    intake.put("candidateName", "Form check " + use.formId());
    intake.put("office", "U.S. House");
    intake.put("race", race);
    intake.put("raceScope", "DISTRICT");
    intake.put("leadGroup", "ny24-ithaca");
    intake.put("generalElectionDate", TODAY.plusDays(120).toString());
    // a 501(c)(4) that plans to spend and runs its own program: every compliance review is routed
    intake.put("organizationType", "C4");
    intake.put("voterContactProgram", "INDIVISIBLE");
    intake.put("plannedSpending", true);
    intake.put("spendingDescription", "Yard signs, about $300");
    intake.put("organizerEmail", "organizer@demo.pathtovictory.test");
    ProcessInstance main = runtimeService.startProcessInstanceByKey("post-endorsement", intake);
    String businessKey = main.getBusinessKey();
    ProcessInstance host =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(businessKey)
            .processDefinitionKey(use.processKey())
            .list()
            .stream()
            .findFirst()
            .orElse(null);
    if (host == null) {
      Map<String, Object> variables = new HashMap<>(runtimeService.getVariables(main.getId()));
      variables.putAll(
          Map.of("askedBy", "ithaca-lead", "spendingQuestion", "May we buy pizza for canvassers?"));
      if (use.processKey().equals("group-onboarding")) {
        // a join request as /join would have sent it
        String slug = "form-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        variables.putAll(
            Map.of(
                "groupName", "Indivisible Form Test",
                "groupSlug", slug,
                "groupState", "NY",
                "groupDistrict", "NY-24",
                "leadName", "Form Tester",
                "leadEmail", slug + "@lead.pathtovictory.test"));
      }
      host =
          runtimeService
              .createProcessInstanceByKey(use.processKey())
              .businessKey(businessKey)
              .setVariables(variables)
              .startBeforeActivity(use.activityId())
              .execute();
    }
    List<Task> tasks = tasksAt(host, use.activityId());
    if (tasks.isEmpty()) {
      // what the compliance gateway would have returned, for activities after it
      Map<String, Object> cleared = new HashMap<>();
      cleared.put("complianceOutcome", "CLEARED");
      cleared.put("spendingDecision", "APPROVED");
      cleared.put("spendingConditions", null);
      cleared.put("firewallAcknowledged", false);
      cleared.put("firewallProgram", null);
      cleared.keySet().removeAll(runtimeService.getVariables(host.getId()).keySet());
      runtimeService.setVariables(host.getId(), cleared);
      Map<String, Object> leads = new HashMap<>(CHOSEN);
      leads
          .keySet()
          .retainAll(List.of("canvassLead", "pressLiaison", "recruitmentCaptain", "phonebankLead"));
      runtimeService.setVariables(host.getId(), leads);
      runtimeService
          .createProcessInstanceModification(host.getId())
          .startBeforeActivity(use.activityId())
          .execute();
      tasks = tasksAt(host, use.activityId());
    }
    assertThat(tasks).as("a task at %s", use.activityId()).isNotEmpty();
    return tasks.get(0);
  }

  private List<Task> tasksAt(ProcessInstance instance, String activityId) {
    return taskService
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(activityId)
        .list();
  }

  private String userFor(Task task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId)
        .filter(USER_OF_GROUP::containsKey)
        .map(USER_OF_GROUP::get)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no demo user works " + task.getName()));
  }

  private Tasklist as(String user) {
    return loggedIn.computeIfAbsent(user, this::loginToTasklist);
  }
}
