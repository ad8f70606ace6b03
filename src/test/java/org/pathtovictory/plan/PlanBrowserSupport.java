package org.pathtovictory.plan;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.pathtovictory.tasklist.BrowserTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The plan editor's pages in Chromium, signed in through Tasklist as {@code /plan} expects; the
 * page reports its editor ready by {@code data-ready} on {@code #plan-app}. What a test deploys is
 * removed afterwards, so the next test (and the next test class on this context) finds the plan as
 * it started.
 */
abstract class PlanBrowserSupport extends BrowserTestSupport {

  @Autowired RepositoryService repositoryService;

  static {
    // CI shares two cores with the application and the build: a check or a deploy may take seconds
    PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
  }

  final List<String> consoleErrors = new ArrayList<>();
  private Set<String> deploymentsBefore;

  @BeforeEach
  void rememberDeployments() {
    deploymentsBefore = deploymentIds();
  }

  @AfterEach
  void removeWhatTheTestDeployed() {
    for (String id : deploymentIds()) {
      if (!deploymentsBefore.contains(id)) {
        repositoryService.deleteDeployment(id, true, true, true);
      }
    }
  }

  Set<String> deploymentIds() {
    return repositoryService.createDeploymentQuery().list().stream()
        .map(Deployment::getId)
        .collect(Collectors.toSet());
  }

  Page signedIn(String user) {
    Page page = loginToTasklist(user).page();
    page.onConsoleMessage(
        message -> {
          // the browser's own request for /favicon.ico (the application has none) is no page error
          if ("error".equals(message.type()) && !message.location().contains("/favicon.ico:")) {
            // a failed load names no resource in its text: its location does
            consoleErrors.add(message.text() + " at " + message.location());
          }
        });
    page.onPageError(consoleErrors::add);
    return page;
  }

  Page openEditor(String user, String path) {
    Page page = signedIn(user);
    open(page, path);
    return page;
  }

  void open(Page page, String path) {
    page.navigate(baseUrl() + path);
    try {
      page.locator("#plan-app[data-ready=true]").waitFor();
    } catch (com.microsoft.playwright.TimeoutError notReady) {
      screenshot(page, path + " not ready");
      throw new AssertionError(
          path + " did not get ready; page errors: " + consoleErrors, notReady);
    }
  }

  Locator status(Page page) {
    return page.locator(".plan-status");
  }

  Locator button(Page page, String name) {
    return page.getByRole(
        AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  /** Check, then wait for its answer (the status line no longer says "Checking…"). */
  void check(Page page) {
    status(page).evaluate("s => s.replaceChildren()");
    button(page, "Check").click();
    assertThat(status(page).locator("p:not(:text('Checking'))")).hasCount(1);
  }

  /** Deploy with a one-line description; answers the status line afterwards. */
  Locator deploy(Page page, String description) {
    status(page).evaluate("s => s.replaceChildren()");
    button(page, "Deploy").click();
    page.getByLabel("What did you change?").fill(description);
    page.locator("#plan-deploy-confirm").click();
    assertThat(status(page).locator("p:not(:text('Deploying'))")).hasCount(1);
    return status(page);
  }

  /** The diagram element of a BPMN id (bpmn-js draws it as a group carrying its id). */
  Locator shape(Page page, String elementId) {
    return page.locator("#plan-editor .djs-element[data-element-id='" + elementId + "']");
  }

  /** Selects a diagram element as a click on it does, and waits for the panel to show it. */
  void select(Page page, String elementId) {
    page.evaluate(
        "id => { const m = window.planEditor.modeler; const e = m.get('elementRegistry').get(id);"
            + " m.get('canvas').scrollToElement(e); m.get('selection').select(e); }",
        elementId);
    assertThat(page.locator("#plan-properties .bio-properties-panel-header")).isVisible();
  }

  /** Opens a group of the properties panel (e.g. General) unless it is open. */
  void openGroup(Page page, String group) {
    Locator header =
        page.locator("#plan-properties .bio-properties-panel-group-header")
            .filter(
                new Locator.FilterOptions()
                    .setHas(page.getByText(group, new Page.GetByTextOptions().setExact(true))));
    header.waitFor();
    if (!header.getAttribute("class").matches(".*\\bopen\\b.*")) {
      header.locator(".bio-properties-panel-group-header-title").click();
    }
    assertThat(header).hasClass(Pattern.compile("\\bopen\\b"));
  }
}
