package org.pathtovictory.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.board.BoardCampaigns;
import org.pathtovictory.web.PagePolicy;

/**
 * Every page works under its Content Security Policy in Chromium: Tasklist, Cockpit and Admin under
 * Camunda's, our pages (the phone pages included) under {@link PagePolicy}, the plan editor under
 * its own. Each violation the browser reports (the {@code securitypolicyviolation} event, or a
 * console error naming the policy) fails the test; each page also shows that its scripts ran.
 */
class ContentSecurityPolicyBrowserTest extends BrowserTestSupport {

  /** Recorded in the page before any of its own scripts runs (init scripts pass any policy). */
  private static final String RECORD_VIOLATIONS =
      "window.__cspViolations = [];"
          + "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push("
          + "e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile"
          + " + ':' + e.lineNumber));";

  /** The local roles and their demo people in Ithaca (the contract's demo identities). */
  private static final java.util.Map<String, String> LOCAL_ROLES =
      java.util.Map.of(
          "group-leads", "ithaca-lead",
          "canvass-leads", "ithaca-canvass",
          "press-liaisons", "ithaca-press",
          "recruitment-captains", "ithaca-recruit",
          "phonebank-leads", "ithaca-phones");

  private final List<String> violations = new ArrayList<>();

  @AfterEach
  void realClockAgain() {
    ClockUtil.reset();
  }

  private Page watched(Page page) {
    page.addInitScript(RECORD_VIOLATIONS);
    page.onConsoleMessage(
        message -> {
          if (message.type().equals("error")
              && message.text().toLowerCase().contains("content security policy")) {
            violations.add(page.url() + ": " + message.text());
          }
        });
    return page;
  }

  /** Waits until the page is quiet, then takes its recorded violations. */
  @SuppressWarnings("unchecked")
  private void noViolationOn(Page page, String what) {
    page.waitForLoadState(LoadState.NETWORKIDLE);
    List<Object> seen = (List<Object>) page.evaluate("() => window.__cspViolations || []");
    seen.forEach(v -> violations.add(what + ": " + v));
    assertThat(violations).as("Content Security Policy violations").isEmpty();
  }

  private static void hasOurPolicy(Response response, String what) {
    hasPolicy(response, what, PagePolicy.CONTENT_SECURITY_POLICY);
  }

  private static void hasPolicy(Response response, String what, String policy) {
    // one policy only: a second header would apply on top and block what the first allows
    assertThat(
            response.headersArray().stream()
                .filter(h -> h.name.equalsIgnoreCase("content-security-policy")))
        .as(what)
        .hasSize(1);
    assertThat(response.headers().get("content-security-policy")).as(what).isEqualTo(policy);
    assertThat(response.headers().get("x-content-type-options")).as(what).isEqualTo("nosniff");
    // the unsubscribe page adds no-referrer (its token is in the address); the last one counts
    assertThat(response.headers().get("referrer-policy"))
        .as(what)
        .endsWith(what.contains("unsubscribe") ? "no-referrer" : "same-origin");
  }

  @Test
  void theWebappsWorkUnderCamundasPolicy() {
    Tasklist tasklist = new Tasklist(watched(newPage()), baseUrl(), this::screenshot);
    tasklist.signIn("demo", PASSWORD);
    Page page = tasklist.page();
    page.locator("#ptv-board-link").waitFor();
    noViolationOn(page, "Tasklist");

    Response cockpit = page.navigate(baseUrl() + "/camunda/app/cockpit/default/#/dashboard");
    assertThat(cockpit.headers().get("content-security-policy")).contains("frame-ancestors 'none'");
    page.getByText("Process Definitions").first().waitFor();
    noViolationOn(page, "Cockpit");

    page.navigate(baseUrl() + "/camunda/app/admin/default/#/users");
    page.getByText("demo").first().waitFor();
    noViolationOn(page, "Admin");
  }

  @Test
  void theBoardDrawsItsChartsAndTheSettingsPageWorksUnderOurPolicy() {
    BoardCampaigns.setToday(BoardCampaigns.TODAY);
    ProcessInstance campaign =
        BoardCampaigns.inVoterContact(
            processEngine, ProcessTestSupport.ITHACA, "CSP Board", "NY-24");
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(7));
    BoardCampaigns.report(campaign, 400, 120, 300, 1);
    Tasklist lead = new Tasklist(watched(newPage()), baseUrl(), this::screenshot);
    lead.signIn("ithaca-lead", PASSWORD);
    Page page = lead.page();

    Response board = page.navigate(baseUrl() + "/board");
    hasOurPolicy(board, "/board");
    // the board's scripts (Chart.js and ours) ran: the charts are drawn
    page.locator("body[data-charts-drawn=true]").waitFor();
    noViolationOn(page, "/board");

    Response settings = page.navigate(baseUrl() + "/me");
    hasOurPolicy(settings, "/me");
    page.locator("form").first().waitFor();
    noViolationOn(page, "/me");

    Response message = page.navigate(baseUrl() + "/invitation/no-such-link");
    hasOurPolicy(message, "a message page");
    page.locator("h1").waitFor();
    noViolationOn(page, "a message page");
  }

  @Test
  void theGroupPagesWorkUnderOurPolicy() {
    Tasklist organizer = new Tasklist(watched(newPage()), baseUrl(), this::screenshot);
    organizer.signIn("organizer", PASSWORD);
    Page page = organizer.page();
    Response groups = page.navigate(baseUrl() + "/groups");
    hasOurPolicy(groups, "/groups");
    page.locator("h1").waitFor();
    noViolationOn(page, "/groups");
  }

  @Test
  void thePublicPagesWorkUnderOurPolicy() {
    Page page = watched(newPage());
    Response join = page.navigate(baseUrl() + "/join");
    hasOurPolicy(join, "/join");
    page.locator("#groupName").waitFor();
    noViolationOn(page, "/join");

    Response unsubscribe = page.navigate(baseUrl() + "/unsubscribe/not-a-token");
    hasOurPolicy(unsubscribe, "the unsubscribe page");
    // its stylesheet (a file now, no inline style) applied
    assertThat(page.evaluate("() => getComputedStyle(document.body).maxWidth"))
        .isNotEqualTo("none");
    noViolationOn(page, "the unsubscribe page");
  }

  @Test
  void thePhonePagesWorkUnderOurPolicy() {
    BoardCampaigns.setToday(BoardCampaigns.TODAY);
    var campaign =
        BoardCampaigns.inVoterContact(
            processEngine, ProcessTestSupport.ITHACA, "CSP Phone", "NY-24");
    // an open voter-contact task of this campaign for a local role (not whatever another test of
    // this context left open), and its assignee or else that role's demo person
    var taskService = processEngine.getTaskService();
    Task task =
        taskService
            .createTaskQuery()
            .processInstanceId(campaign.getId())
            .taskCandidateGroupIn(List.copyOf(LOCAL_ROLES.keySet()))
            .includeAssignedTasks()
            .list()
            .get(0);
    String person =
        task.getAssignee() != null
            ? task.getAssignee()
            : taskService.getIdentityLinksForTask(task.getId()).stream()
                .map(link -> LOCAL_ROLES.get(link.getGroupId()))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow();
    taskService.setAssignee(task.getId(), person);

    Page visitor = watched(newPhonePage(390, 844));
    Response signIn = visitor.navigate(baseUrl() + "/sign-in");
    hasOurPolicy(signIn, "/sign-in");
    visitor.locator("input[type=email]").waitFor();
    noViolationOn(visitor, "/sign-in");

    Tasklist lead = new Tasklist(watched(newPage()), baseUrl(), this::screenshot);
    lead.signIn(person, PASSWORD);
    Page page = lead.page();
    Response tasks = page.navigate(baseUrl() + "/tasks");
    hasOurPolicy(tasks, "/tasks");
    page.locator("h1").waitFor();
    noViolationOn(page, "/tasks");

    Response taskPage = page.navigate(baseUrl() + "/tasks/" + task.getId());
    hasOurPolicy(taskPage, "a task page");
    // the form viewer ran: the task's form is drawn
    page.locator("#task-form .fjs-form").waitFor();
    noViolationOn(page, "a task page");
  }

  @Test
  void thePlanEditorWorksUnderItsPolicy() {
    Tasklist organizer = new Tasklist(watched(newPage()), baseUrl(), this::screenshot);
    organizer.signIn("organizer", PASSWORD);
    Page page = organizer.page();
    Response plan = page.navigate(baseUrl() + "/plan");
    hasPolicy(plan, "/plan", PagePolicy.PLAN_EDITOR_POLICY);
    page.locator("h1").waitFor();
    noViolationOn(page, "/plan");

    Response editor = page.navigate(baseUrl() + "/plan/post-endorsement");
    hasPolicy(editor, "the process editor", PagePolicy.PLAN_EDITOR_POLICY);
    // the modeler ran: the editor reports itself ready with the diagram drawn
    page.locator("#plan-app[data-ready=true]").waitFor();
    noViolationOn(page, "the process editor");
  }
}
