package org.pathtovictory.plan;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Check in the form and decision editors: a problem shows where it is, and in the list. */
class PlanEditorProblemsBrowserTest extends PlanBrowserSupport {

  static final Path UNLABELLED_FIELD = Path.of("src/test/resources/plan/unlabelled-field.form");
  static final Path TWO_DECISION_PROBLEMS =
      Path.of("src/test/resources/plan/two-decision-problems.dmn");
  static final Pattern MARKED = Pattern.compile("\\bdeploy-problem\\b");

  @Test
  void aFormFieldWithoutALabelIsMarkedOnTheFieldListedAndLeadsToItsLabel() {
    Page page = openEditor("organizer", "/plan/forms/plan-campaign");
    long deployments = repositoryService.createDeploymentQuery().count();

    page.locator("#plan-open-file").setInputFiles(UNLABELLED_FIELD);
    Locator unlabelled = page.locator("#plan-editor .fjs-editor-container [data-id=Field_Notes]");
    assertThat(unlabelled).hasCount(1);
    check(page);

    assertThat(page.locator(".plan-problem[data-element-id=notes]")).hasCount(1);
    assertThat(page.locator(".plan-problem[data-element-id=notes]")).containsText("no label");
    assertThat(page.locator(".plan-problem[data-element-id=groupName]")).hasCount(0);
    assertThat(unlabelled).hasClass(MARKED);
    assertThat(page.locator("#plan-editor [data-id=Field_Named]")).not().hasClass(MARKED);
    // the note on the field is drawn after it
    assertThat((String) unlabelled.evaluate("f => getComputedStyle(f, '::after').content"))
        .contains("Problem");
    screenshot(page, "plan form field problem");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);

    page.locator(".plan-problem[data-element-id=notes]").click();
    assertThat(page.locator("#plan-properties #bio-properties-panel-label")).isFocused();
    assertThat(consoleErrors).isEmpty();
  }

  @Test
  void aDecisionCellInACodeLanguageIsMarkedOnTheTableAndTheDecisionsProblemNotedAboveIt() {
    Page page = openEditor("organizer", "/plan/decisions/planningTrack");
    long deployments = repositoryService.createDeploymentQuery().count();

    page.locator("#plan-open-file").setInputFiles(TWO_DECISION_PROBLEMS);
    Locator cell = page.locator("#plan-editor td[data-element-id=InputEntry_Full]");
    assertThat(cell).hasCount(1);
    check(page);

    assertThat(page.locator(".plan-problem-list > li")).hasCount(2);
    assertThat(page.locator(".plan-problem[data-element-id=InputEntry_Full]"))
        .containsText("groovy");
    assertThat(cell).hasClass(MARKED);
    assertThat(cell).hasCSS("outline-style", "solid"); // visible, not a class alone
    assertThat(page.locator("#plan-editor td[data-element-id=InputEntry_Accelerated]"))
        .not()
        .hasClass(MARKED);
    assertThat(page.locator(".plan-problem[data-element-id=planningTrack]"))
        .containsText("history time to live");
    assertThat(page.locator("#plan-editor .plan-dmn-problem-note"))
        .containsText("history time to live");
    screenshot(page, "plan decision problems");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(consoleErrors).isEmpty();
  }
}
