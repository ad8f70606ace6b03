package org.pathtovictory.tasklist;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.List;
import java.util.function.BiConsumer;

/** Camunda Tasklist 7.24 as one logged-in volunteer sees it (page object). */
final class Tasklist {

  private final Page page;
  private final String baseUrl;
  private final BiConsumer<Page, String> screenshots;
  private String user;

  Tasklist(Page page, String baseUrl, BiConsumer<Page, String> screenshots) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.screenshots = screenshots;
  }

  Page page() {
    return page;
  }

  String user() {
    return user;
  }

  /**
   * Signs in on Tasklist's login page ({@link SignInForm}). A sign-in that does not reach the inbox
   * is tried again from a fresh page (three times at most), with a screenshot of what the volunteer
   * saw.
   */
  void login(String user, String password) {
    this.user = user;
    Locator inbox = page.locator("a:has-text('Start process')").first();
    for (int attempt = 1; ; attempt++) {
      page.navigate(baseUrl + "/camunda/app/tasklist/default/");
      page.locator("input[placeholder=Username], a:has-text('Start process')").first().waitFor();
      if (!inbox.isVisible()) {
        SignInForm.submit(page, user, password);
      }
      try {
        inbox.waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        break;
      } catch (com.microsoft.playwright.TimeoutError notSignedIn) {
        screenshots.accept(page, user + " sign-in attempt " + attempt + " did not reach the inbox");
        if (attempt == 3) {
          throw notSignedIn;
        }
      }
    }
    page.locator(".task-filter").first().waitFor();
  }

  /** Saves a screenshot named after the step and the user who takes it. */
  Tasklist screenshot(String step) {
    page.waitForTimeout(300);
    screenshots.accept(page, user + " " + step);
    return this;
  }

  /** Opens "Start process", picks the process by name and waits for its start form. */
  CamundaForm openStartForm(String processName, String formId) {
    page.locator("a:has-text('Start process')").first().click();
    Locator dialog = page.locator(".modal-content");
    dialog.locator("a", new Locator.LocatorOptions().setHasText(processName)).first().click();
    return new CamundaForm(dialog, CamundaForm.schema(formId));
  }

  void clickStart() {
    page.locator(".modal-footer button:has-text('Start')").click();
  }

  boolean startEnabled() {
    return page.locator(".modal-footer button:has-text('Start')").isEnabled();
  }

  boolean startDialogOpen() {
    return page.locator(".modal-content").isVisible();
  }

  /** The visible error notifications (e.g. what the server refused). */
  List<String> errorNotifications() {
    return page.locator(".notifications .alert-danger:visible, .alert-danger:visible")
        .allInnerTexts();
  }

  String waitForErrorNotification() {
    Locator alert = page.locator(".alert-danger:visible").first();
    alert.waitFor();
    alert.scrollIntoViewIfNeeded();
    return alert.innerText();
  }

  Tasklist openFilter(String filterName) {
    page.locator(".task-filter", new Page.LocatorOptions().setHasText(filterName))
        .first()
        .locator("h4.name a")
        .first()
        .click();
    page.waitForTimeout(500);
    return this;
  }

  /** The task names listed under the current filter. */
  List<String> listedTasks() {
    page.waitForTimeout(300);
    return page.locator(".tasks-list .task h4, .tasks-list .task .names").allInnerTexts();
  }

  /** Clicks a task in the list of the current filter, waiting for it to appear. */
  Tasklist openTask(String taskName) {
    Locator task =
        page.locator(".tasks-list .task", new Page.LocatorOptions().setHasText(taskName)).first();
    for (int attempt = 1; ; attempt++) {
      try {
        task.waitFor(new Locator.WaitForOptions().setTimeout(5_000));
        break;
      } catch (com.microsoft.playwright.TimeoutError notListedYet) {
        if (attempt == 3) {
          throw notListedYet;
        }
        page.reload();
        page.locator(".task-filter").first().waitFor();
      }
    }
    task.click();
    page.locator(".task-details").first().waitFor();
    return this;
  }

  /**
   * Finds a task the way a volunteer does: the filter in the left column, then the task by name in
   * the list; claims it when nobody has (Tasklist shows the form only to the assignee).
   */
  Tasklist findAndClaim(String filterName, String taskName) {
    for (int attempt = 1; ; attempt++) {
      page.navigate(baseUrl + "/camunda/app/tasklist/default/");
      try {
        page.locator(".task-filter").first().waitFor();
        break;
      } catch (com.microsoft.playwright.TimeoutError slow) {
        if (attempt == 2) {
          throw slow;
        }
      }
    }
    openFilter(filterName);
    openTask(taskName);
    page.locator(".task-details").getByText(taskName).first().waitFor();
    claimIfNeeded();
    page.locator(".task-details .fjs-form").first().waitFor();
    return this;
  }

  /** Claims the open task unless it is already assigned (to this user). */
  Tasklist claimIfNeeded() {
    Locator claim = page.locator(".task-details button.claim");
    if (claim.count() > 0 && claim.first().isVisible()) {
      claim.first().click();
      // claimed: the header shows the assignee instead of the Claim button
      claim.first().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
      // Tasklist then renders the form afresh: input typed before that is lost
      page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
      page.waitForTimeout(500);
    }
    return this;
  }

  boolean completeEnabled() {
    return page.locator(".task-details .form-actions button:has-text('Complete')").isEnabled();
  }

  CamundaForm taskForm(String formId) {
    return new CamundaForm(page.locator(".task-details"), CamundaForm.schema(formId));
  }

  void clickComplete() {
    page.locator(".task-details .form-actions button:has-text('Complete')").click();
  }
}
