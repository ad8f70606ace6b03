package org.pathtovictory.plan;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** An organizer changes the plan in the browser and deploys it as the next version. */
class PlanDeployBrowserTest extends PlanBrowserSupport {

  static final String KEY = "post-endorsement";

  ProcessDefinition newest() {
    return repositoryService
        .createProcessDefinitionQuery()
        .processDefinitionKey(KEY)
        .withoutTenantId()
        .latestVersion()
        .singleResult();
  }

  @Test
  void aStepFromTheTemplateChooserAndARenamedPlanningStepDeployAsTheNextVersion() {
    int before = newest().getVersion();
    Page page = openEditor("organizer", "/plan/" + KEY);

    shape(page, "Task_ThankVolunteers").click();
    page.locator(".djs-context-pad .entry[data-action='append.append-task']").click();
    page.keyboard().type("Put up lawn signs");
    page.keyboard().press("Enter");
    page.locator("#plan-properties .bio-properties-panel-select-template-button").click();
    page.locator(".element-template-chooser .djs-popup-search input")
        .fill("Campaign step for a role");
    page.locator(
            ".element-template-chooser li.entry"
                + "[data-id='apply-template-org.pathtovictory.campaign-step']")
        .click();
    Locator panel = page.locator("#plan-properties");
    panel.locator("[data-group-id='group-ElementTemplates__CustomProperties-step']").waitFor();
    openGroup(page, "The step");
    panel
        .getByLabel("Form", new Locator.GetByLabelOptions().setExact(true))
        .selectOption("order-swag");
    panel.getByLabel("Who does it").selectOption("canvass-leads");
    panel
        .getByLabel("Due", new Locator.GetByLabelOptions().setExact(true))
        .selectOption("${dueDate.inDays(execution, 3)}");

    // the check wants readable ids and every path ended by an end event
    openGroup(page, "General");
    panel.locator("#bio-properties-panel-id").fill("Task_PutUpLawnSigns");
    panel.locator("#bio-properties-panel-id").press("Tab");
    select(page, "Task_PutUpLawnSigns");
    page.locator(".djs-context-pad .entry[data-action='append.end-event']").click();
    openGroup(page, "General");
    panel.locator("#bio-properties-panel-id").fill("Event_LawnSignsUp");
    panel.locator("#bio-properties-panel-id").press("Tab");
    panel.locator("#bio-properties-panel-name").fill("Lawn signs are up");
    panel.locator("#bio-properties-panel-name").press("Tab");
    assertThat(shape(page, "Event_LawnSignsUp")).hasCount(1);

    select(page, "Task_PlanTacticsAndTimeline");
    assertThat(panel.locator(".bio-properties-panel-header"))
        .containsText("Plan tactics and timeline");
    openGroup(page, "General");
    panel.locator("#bio-properties-panel-name").fill("Plan the tactics and the timeline");
    panel.locator("#bio-properties-panel-name").press("Tab");

    check(page);
    assertThat(status(page)).containsText("No problems found");
    screenshot(page, "plan step added and renamed, checked");

    assertThat(deploy(page, "Lawn signs after the thank-you; planning step renamed"))
        .containsText("Version " + (before + 1) + " deployed.");

    ProcessDefinition deployed = newest();
    assertThat(deployed.getVersion()).isEqualTo(before + 1);
    BpmnModelInstance model = repositoryService.getBpmnModelInstance(deployed.getId());
    UserTask added =
        model.getModelElementsByType(UserTask.class).stream()
            .filter(t -> "Put up lawn signs".equals(t.getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the added step is not in the deployed version"));
    assertThat(added.getCamundaCandidateGroups()).isEqualTo("canvass-leads");
    assertThat(added.getCamundaFormRef()).isEqualTo("order-swag");
    assertThat(added.getCamundaDueDate()).isEqualTo("${dueDate.inDays(execution, 3)}");
    assertThat(model.<UserTask>getModelElementById("Task_PlanTacticsAndTimeline").getName())
        .isEqualTo("Plan the tactics and the timeline");
    assertThat(consoleErrors).isEmpty();

    // compare the two versions: the added step marked on the newer diagram, the renamed on both
    open(page, "/plan/" + KEY + "/versions?from=" + before + "&to=" + (before + 1));
    assertThat(page.locator(".plan-version-list")).containsText("Lawn signs after the thank-you");
    Locator newer = page.locator(".plan-diagram").nth(1);
    Locator older = page.locator(".plan-diagram").nth(0);
    assertThat(newer.locator(".djs-element.diff-added[data-element-id=Task_PutUpLawnSigns]"))
        .hasCount(1);
    assertThat(
            newer.locator(".djs-element.diff-changed[data-element-id=Task_PlanTacticsAndTimeline]"))
        .hasCount(1);
    assertThat(
            older.locator(".djs-element.diff-changed[data-element-id=Task_PlanTacticsAndTimeline]"))
        .hasCount(1);
    assertThat(older.locator(".djs-element[data-element-id=Task_PutUpLawnSigns]")).hasCount(0);
    // not by colour alone: a badge on the diagram and the list says what changed
    assertThat(newer.locator(".plan-badge.diff-added")).not().hasCount(0);
    assertThat(
            page.locator(".plan-change-added")
                .filter(
                    new Locator.FilterOptions()
                        .setHas(
                            page.getByText(
                                "Put up lawn signs", new Page.GetByTextOptions().setExact(true)))))
        .containsText("+ Added");
    assertThat(page.locator(".plan-change-changed").filter(hasText("tactics")))
        .containsText("Plan the tactics and the timeline");
    screenshot(page, "plan versions compared");
  }

  @Test
  void theSecondOfTwoOrganizersIsToldOfTheNewerVersionCanCompareAndDeployAnyway() {
    int before = newest().getVersion();
    Page first = openEditor("organizer", "/plan/" + KEY);
    Page second = openEditor("organizer", "/plan/" + KEY);
    rename(first, "Task_ThankVolunteers", "Thank every volunteer");
    rename(second, "Task_HoldDebrief", "Hold a short debrief");

    assertThat(deploy(first, "Thank every volunteer"))
        .containsText("Version " + (before + 1) + " deployed.");
    Locator refused = deploy(second, "Shorter debrief");
    assertThat(refused).containsText("Version " + (before + 1) + " was deployed by");
    assertThat(
            second.getByRole(
                AriaRole.LINK, new Page.GetByRoleOptions().setName("Compare versions")))
        .hasAttribute("href", "/plan/" + KEY + "/versions?from=" + before + "&to=" + (before + 1));
    assertThat(newest().getVersion()).isEqualTo(before + 1);

    // the sentence names the button the page offers, in its words
    assertThat(refused)
        .containsText("choose “" + button(second, "Deploy anyway").textContent() + "”");
    button(second, "Deploy anyway").click();
    assertThat(status(second)).containsText("Version " + (before + 2) + " deployed.");
    assertThat(newest().getVersion()).isEqualTo(before + 2);
  }

  /** A name changed as the panel or a double click would, through bpmn-js's modeling. */
  void rename(Page page, String elementId, String name) {
    page.evaluate(
        "([id, name]) => { const m = window.planEditor.modeler;"
            + " m.get('modeling').updateLabel(m.get('elementRegistry').get(id), name); }",
        List.of(elementId, name));
  }

  static Locator.FilterOptions hasText(String text) {
    return new Locator.FilterOptions().setHasText(text);
  }
}
