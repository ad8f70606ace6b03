package org.pathtovictory.plan;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Check before deploy: the problems on the diagram, beside it and in the properties panel. */
class PlanCheckBrowserTest extends PlanBrowserSupport {

  static final Path TWO_PROBLEMS = Path.of("src/test/resources/plan/two-problems.bpmn");
  static final Path COLLAPSED_PROBLEM = Path.of("src/test/resources/plan/collapsed-problem.bpmn");

  @Autowired RepositoryService repositoryService;

  @Test
  void theDeployedProcessChecksWithoutProblems() {
    Page page = openEditor("organizer", "/plan/post-endorsement");
    check(page);
    assertThat(status(page)).containsText("No problems found");
    assertThat(page.locator(".plan-no-problems")).isVisible();
    assertThat(page.locator(".deploy-problem")).hasCount(0);
    assertThat(consoleErrors).isEmpty();
  }

  @Test
  void aFileWithTwoMistakesShowsBothOnTheDiagramDeploysNothingAndAFixLeavesOne() {
    Page page = openEditor("organizer", "/plan/post-endorsement");
    long deployments = repositoryService.createDeploymentQuery().count();

    page.locator("#plan-open-file").setInputFiles(TWO_PROBLEMS);
    assertThat(shape(page, "Task_NotABean")).hasCount(1);
    check(page);

    // the form-less step has two problems (no form, no due date), the service task one
    assertThat(page.locator(".plan-problem-list > li")).hasCount(3);
    assertThat(shape(page, "Task_NoForm")).hasClass(Pattern.compile("\\bdeploy-problem\\b"));
    assertThat(shape(page, "Task_NotABean")).hasClass(Pattern.compile("\\bdeploy-problem\\b"));
    assertThat(page.locator(".plan-problem[data-element-id=Task_NoForm]").first())
        .containsText("has no form");
    assertThat(page.locator(".plan-problem[data-element-id=Task_NotABean]"))
        .containsText("notAModelBean");
    assertThat(page.locator(".plan-problem-note")).hasCount(2);
    screenshot(page, "plan check two problems");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);

    page.locator(".plan-problem[data-element-id=Task_NotABean]").click();
    var entry = page.locator("#bio-properties-panel-delegateExpression");
    assertThat(entry).isFocused();
    entry.fill("${recordEndorsement}");
    entry.press("Tab");
    check(page);

    assertThat(page.locator(".plan-problem[data-element-id=Task_NotABean]")).hasCount(0);
    assertThat(page.locator(".plan-problem[data-element-id=Task_NoForm]")).hasCount(2);
    assertThat(shape(page, "Task_NoForm")).hasClass(Pattern.compile("\\bdeploy-problem\\b"));
    assertThat(shape(page, "Task_NotABean"))
        .not()
        .hasClass(Pattern.compile("\\bdeploy-problem\\b"));
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void aProblemInsideACollapsedSubProcessMarksTheSubProcessAndTheListLeadsInside() {
    Page page = openEditor("organizer", "/plan/post-endorsement");
    page.locator("#plan-open-file").setInputFiles(COLLAPSED_PROBLEM);
    assertThat(shape(page, "SubProcess_CollectSignatures")).hasCount(1);
    check(page);

    // the step inside is on the sub-process's own plane: the organizer sees the sub-process marked
    assertThat(shape(page, "SubProcess_CollectSignatures"))
        .hasClass(Pattern.compile("\\bdeploy-problem\\b"));
    assertThat(
            page.locator(".plan-problem-note")
                .filter(
                    new com.microsoft.playwright.Locator.FilterOptions()
                        .setHasText("Inside Collect signatures")))
        .isVisible();
    assertThat(shape(page, "Task_InsideWithoutForm")).not().isVisible();

    page.locator(".plan-problem[data-element-id=Task_InsideWithoutForm]").first().click();
    assertThat(shape(page, "Task_InsideWithoutForm")).isVisible();
    assertThat(shape(page, "Task_InsideWithoutForm"))
        .hasClass(Pattern.compile("\\bdeploy-problem\\b"));
    assertThat(page.locator("#plan-properties .bio-properties-panel-header"))
        .containsText("Count the signatures");
  }
}
