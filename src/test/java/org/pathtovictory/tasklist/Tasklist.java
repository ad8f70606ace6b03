package org.pathtovictory.tasklist;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.List;
import java.util.function.BiConsumer;
import org.pathtovictory.WebTestSupport;

/** Camunda Tasklist 7.24 as one logged-in volunteer sees it (page object). */
public final class Tasklist {

  private final Page page;
  private final String baseUrl;
  private final String tasklistUrl;
  private final BiConsumer<Page, String> screenshots;
  private String user;

  Tasklist(Page page, String baseUrl, BiConsumer<Page, String> screenshots) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.tasklistUrl = baseUrl + WebTestSupport.TASKLIST;
    this.screenshots = screenshots;
  }

  public Page page() {
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
      page.navigate(tasklistUrl);
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

  /**
   * Signs in the way Tasklist's login page does it, with the same request from this browser (its
   * cookies, its CSRF token), then opens the inbox: for tests about the work after sign-in. The
   * sign-in page itself is driven by {@link #login} (and {@link SignInForm} in the mail-link,
   * onboarding and board tests).
   */
  void signIn(String user, String password) {
    this.user = user;
    BrowserContext browser = page.context();
    browser.request().get(tasklistUrl).dispose();
    String xsrf =
        browser.cookies(tasklistUrl).stream()
            .filter(cookie -> cookie.name.equals("XSRF-TOKEN"))
            .map((Cookie cookie) -> cookie.value)
            .reduce((first, last) -> last)
            .orElseThrow(() -> new AssertionError("Tasklist set no XSRF-TOKEN cookie"));
    APIResponse signIn =
        browser
            .request()
            .post(
                baseUrl + WebTestSupport.TASKLIST_SIGN_IN,
                RequestOptions.create()
                    .setHeader("X-XSRF-TOKEN", xsrf)
                    .setHeader("Origin", baseUrl)
                    .setForm(FormData.create().set("username", user).set("password", password)));
    if (!signIn.ok()) {
      throw new AssertionError("sign-in of " + user + ": HTTP " + signIn.status());
    }
    signIn.dispose();
    page.navigate(tasklistUrl);
    page.locator("a:has-text('Start process')").first().waitFor();
    page.locator(".task-filter").first().waitFor();
  }

  /** Saves a screenshot named after the step and the user who takes it. */
  public Tasklist screenshot(String step) {
    settle();
    screenshots.accept(page, user + " " + step);
    return this;
  }

  /** Waits until the browser has drawn two frames: what the last step changed is on screen. */
  void settle() {
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
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
    // the list then shows that filter's tasks: the filter is marked active
    page.locator(".task-filter.active", new Page.LocatorOptions().setHasText(filterName))
        .first()
        .waitFor();
    return this;
  }

  /** The task names listed under the current filter. */
  List<String> listedTasks() {
    settle();
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
  public Tasklist findAndClaim(String filterName, String taskName) {
    for (int attempt = 1; ; attempt++) {
      // in Tasklist already: back to its start by the route (the lists are loaded again, the
      // page is not); else, or when that did not show the filters, by loading the page
      page.navigate(
          attempt == 1 && page.url().startsWith(tasklistUrl) ? tasklistUrl + "#/" : tasklistUrl);
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

  /**
   * Opens a task by its link, the one its mail, the calendar feed and the board give ({@code
   * #/?task=id}). Within Tasklist this changes only the route, no page load; the route without a
   * task comes first, so that the form shown is drawn for this task (Tasklist may otherwise keep
   * the previous task's form element). Notifications of the previous task are closed first.
   */
  Tasklist openByLink(String taskId, String taskName) {
    closeNotifications();
    page.navigate(tasklistUrl + "#/");
    page.locator(".task-details .fjs-form")
        .first()
        .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
    page.navigate(tasklistUrl + "#/?task=" + taskId);
    page.locator(".task-details").getByText(taskName).first().waitFor();
    page.locator(".task-details .fjs-form").first().waitFor();
    return this;
  }

  /** Closes the notifications shown (a volunteer clicks their x; they can cover the buttons). */
  void closeNotifications() {
    Locator close = page.locator(".notifications .alert button.close:visible");
    for (int shown = close.count(); shown > 0; shown--) {
      close.first().click();
    }
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

  public CamundaForm taskForm(String formId) {
    return new CamundaForm(page.locator(".task-details"), CamundaForm.schema(formId));
  }

  public void clickComplete() {
    closeNotifications();
    page.locator(".task-details .form-actions button:has-text('Complete')").click();
  }

  /** Tries to start as a volunteer would; a Start button Tasklist keeps disabled sends nothing. */
  void tryStart() {
    tryClick(page.locator(".modal-footer button:has-text('Start')"));
  }

  /** Tries to complete as a volunteer would; a disabled Complete button sends nothing. */
  void tryComplete() {
    closeNotifications();
    tryClick(page.locator(".task-details .form-actions button:has-text('Complete')"));
  }

  private static void tryClick(Locator button) {
    if (!button.isEnabled()) {
      return; // a volunteer's click on a disabled button sends nothing; waiting for it costs 5 s
    }
    try {
      button.click(new Locator.ClickOptions().setTimeout(5_000));
    } catch (com.microsoft.playwright.TimeoutError disabled) {
      if (button.isEnabled()) {
        throw disabled;
      }
    }
  }
}
