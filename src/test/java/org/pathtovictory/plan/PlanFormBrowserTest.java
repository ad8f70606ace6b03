package org.pathtovictory.plan;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pathtovictory.endorsement.Intake;
import org.pathtovictory.tasklist.Tasklist;
import org.springframework.beans.factory.annotation.Autowired;

/** A form changed in the form editor is the form Tasklist shows, and it completes there. */
class PlanFormBrowserTest extends PlanBrowserSupport {

  static final String FORM = "send-campaign-check";
  static final String NEW_LABEL = "Check number or bank transfer reference";

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void aLabelChangedInTheFormEditorShowsInTasklistAndTheFormCompletes() {
    ProcessInstance campaign =
        runtimeService.startProcessInstanceByKey(
            "post-endorsement",
            Intake.with(
                Intake.endorsementDaysBeforeElection(120),
                "generalElectionDate",
                LocalDate.now(ZoneId.of("America/New_York")).plusDays(120).toString()));

    Page editor = openEditor("organizer", "/plan/forms/" + FORM);
    editor.locator("#plan-editor .fjs-editor-container [data-id=Field_CheckReference]").click();
    openGroup(editor, "General");
    Locator label = editor.locator("#plan-properties #bio-properties-panel-label");
    label.fill(NEW_LABEL);
    label.press("Tab");
    check(editor);
    assertThat(status(editor)).containsText("No problems found");
    assertThat(deploy(editor, "Bank transfers count as the check too")).containsText("deployed.");
    screenshot(editor, "plan form label changed and deployed");

    Tasklist national = loginToTasklist("national");
    national.findAndClaim("My group's open tasks", "Send the $1,000 check");
    var form = national.taskForm(FORM);
    assertThat(national.page().locator(".task-details .fjs-form")).containsText(NEW_LABEL);
    form.fill("checkSentDate", LocalDate.now(ZoneId.of("America/New_York")));
    form.fill("checkReference", "Transfer 2026-118");
    Task task =
        taskService
            .createTaskQuery()
            .processInstanceId(campaign.getId())
            .taskDefinitionKey("Task_SendCampaignCheck")
            .singleResult();
    national.clickComplete();
    waitUntilCompleted(national, task);
    assertThat(runtimeService.getVariable(campaign.getId(), "checkReference"))
        .isEqualTo("Transfer 2026-118");
    assertThat(consoleErrors).isEmpty();
  }
}
