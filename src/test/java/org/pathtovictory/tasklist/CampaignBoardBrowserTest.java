package org.pathtovictory.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.board.BoardCampaigns;
import org.pathtovictory.notification.NotificationMode;
import org.pathtovictory.notification.NotificationPreferences;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The campaign board and the settings page in headless Chromium, reached from Tasklist's header
 * with Tasklist's own sign-in; and the candidate names in the national team's Tasklist list.
 */
class CampaignBoardBrowserTest extends BrowserTestSupport {

  static final String ITHACA_CANDIDATE = "Browser Board Ithaca";
  static final String ANN_ARBOR_CANDIDATE = "Browser Board Ann Arbor";

  @Autowired TaskService taskService;
  @Autowired NotificationPreferences preferences;

  @AfterEach
  void realClockAgain() {
    ClockUtil.reset();
    preferences.setMode("ithaca-press", NotificationMode.EACH);
  }

  /** Signs in; once more if Tasklist was too slow to show its sign-in form on a busy machine. */
  private Tasklist signIn(String user) {
    try {
      return loginToTasklist(user);
    } catch (com.microsoft.playwright.TimeoutError slow) {
      return loginToTasklist(user);
    }
  }

  private ProcessInstance[] twoCampaigns() {
    BoardCampaigns.setToday(BoardCampaigns.TODAY);
    ProcessInstance ithaca =
        BoardCampaigns.inVoterContact(
            processEngine, ProcessTestSupport.ITHACA, ITHACA_CANDIDATE, "NY-24");
    ProcessInstance annArbor =
        BoardCampaigns.inVoterContact(
            processEngine, ProcessTestSupport.ANN_ARBOR, ANN_ARBOR_CANDIDATE, "MI-06");
    return new ProcessInstance[] {ithaca, annArbor};
  }

  @Test
  void aLeadSeesTheirGroupsCampaignsWithChartGoalsAndPace() {
    ProcessInstance ithaca = twoCampaigns()[0];
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(7));
    BoardCampaigns.report(ithaca, 400, 120, 300, 1);
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(14));
    BoardCampaigns.report(ithaca, 600, 180, 500, 2);

    Tasklist lead = signIn("ithaca-lead");
    Page page = lead.page();
    page.locator("#ptv-board-link").click();
    page.waitForURL("**/board");
    page.locator("body[data-charts-drawn=true]").waitFor();

    assertThat(page.locator("article.campaign .candidate").allInnerTexts())
        .containsExactly(ITHACA_CANDIDATE);
    String card = "#campaign-" + ithaca.getId();
    Object weekly =
        page.evaluate(
            "selector => Chart.getChart(document.querySelector(selector + ' canvas[data-kind=weekly]'))"
                + ".data.datasets.map(d => d.data)",
            card);
    assertThat(weekly.toString()).isEqualTo("[[400, 600], [120, 180], [300, 500], [1, 2]]");
    Object cumulative =
        page.evaluate(
            "selector => Chart.getChart(document.querySelector(selector + ' canvas[data-kind=cumulative]'))"
                + ".data.datasets.map(d => d.data)",
            card);
    assertThat(cumulative.toString()).isEqualTo("[[400, 1000], [120, 300], [300, 800], [1, 3]]");
    // the table behind the chart holds the same numbers
    assertThat(page.locator(card + " table.weeks td.doors").allInnerTexts())
        .containsExactly("400", "600");
    assertThat(page.locator(card + " .goals li[data-measure=doors]").innerText())
        .contains("1,000 of 5,000 (20%)")
        .contains("Pace needed: 2,000 a week for 2 weeks")
        .contains("last week 600 (behind pace)");
    assertThat(page.locator(card + " .phase").innerText()).isEqualTo("Start talking to voters");
    assertThat(page.locator(card + " .compliance").innerText()).isEqualTo("Cleared");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(SCREENSHOTS.resolve("campaign-board-lead.png")));
    lead.screenshot("campaign board");
  }

  @Test
  void anOrganizerFiltersToTheCampaignThatNeedsAttention() {
    ProcessInstance annArbor = twoCampaigns()[1];
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(1));
    var canvassing =
        taskService
            .createTaskQuery()
            .processInstanceId(annArbor.getId())
            .taskDefinitionKey("Task_OrganizeCanvassing")
            .singleResult();
    canvassing.setDueDate(
        java.util.Date.from(ClockUtil.getCurrentTime().toInstant().minusSeconds(3600)));
    taskService.saveTask(canvassing);

    Tasklist organizer = signIn("organizer");
    Page page = organizer.page();
    page.locator("#ptv-board-link").click();
    page.waitForURL("**/board");
    assertThat(page.locator("article.campaign .candidate").allInnerTexts())
        .containsExactlyInAnyOrder(ITHACA_CANDIDATE, ANN_ARBOR_CANDIDATE);
    page.locator("input[name=attention]").check();
    page.locator("form.filters button[type=submit]").click();
    page.waitForURL("**/board?**attention=true**");
    assertThat(page.locator("article.campaign .candidate").allInnerTexts())
        .containsExactly(ANN_ARBOR_CANDIDATE);
    assertThat(page.locator("article.campaign .needs").innerText())
        .contains("Needs attention: 1 step overdue");
    assertThat(page.locator("article.campaign tr.overdue").innerText()).contains("OVERDUE");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(SCREENSHOTS.resolve("campaign-board-organizer.png")));
    organizer.screenshot("needs attention");
  }

  @Test
  void theSettingsPageChangesTheMailModeAndRenewsTheCalendarAddress() {
    Tasklist press = signIn("ithaca-press");
    Page page = press.page();
    page.locator("#ptv-settings-link").click();
    page.waitForURL("**/me");
    assertThat(page.locator(".email").innerText())
        .isEqualTo("ithaca-press@demo.pathtovictory.test");
    page.locator("input[name=mode][value=DIGEST]").check();
    page.locator("form.mode button[type=submit]").click();
    page.waitForLoadState(LoadState.LOAD);
    assertThat(page.locator(".saved").innerText()).contains("one summary mail a day");
    assertThat(preferences.modeOf("ithaca-press")).isEqualTo(NotificationMode.DIGEST);
    assertThat(page.locator("input[name=mode][value=DIGEST]").isChecked()).isTrue();

    page.locator(".feed[data-scope=PERSONAL] button.renew").click();
    String first = page.locator(".feed[data-scope=PERSONAL] .feed-url").inputValue();
    assertThat(get(pathOf(first), null).statusCode()).isEqualTo(200);
    page.locator(".feed[data-scope=PERSONAL] button.renew").click();
    String second = page.locator(".feed[data-scope=PERSONAL] .feed-url").inputValue();
    assertThat(second).isNotEqualTo(first);
    assertThat(get(pathOf(first), null).statusCode()).isEqualTo(404);
    assertThat(get(pathOf(second), null).statusCode()).isEqualTo(200);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(SCREENSHOTS.resolve("settings-page.png")));
    press.screenshot("settings page");
    // switched off, the address answers 404
    page.locator(".feed[data-scope=PERSONAL] button.revoke").click();
    page.waitForLoadState(LoadState.LOAD);
    assertThat(get(pathOf(second), null).statusCode()).isEqualTo(404);
  }

  @Test
  void aFormFromElsewhereChangesNothing() {
    Tasklist press = signIn("ithaca-press");
    Page page = press.page();
    page.navigate(baseUrl() + "/me");
    page.evaluate(
        "() => { document.querySelector('form.mode input[name=_csrf]').value = 'forged';"
            + " document.querySelector('input[name=mode][value=OFF]').checked = true; }");
    page.locator("form.mode button[type=submit]").click();
    page.waitForLoadState(LoadState.LOAD);
    assertThat(page.locator("h1").innerText()).isEqualTo("Nothing was changed");
    assertThat(preferences.modeOf("ithaca-press")).isEqualTo(NotificationMode.EACH);
  }

  @Test
  void theNationalTeamsListShowsCandidateNames() {
    twoCampaigns();
    Tasklist national = signIn("national");
    national.openFilter("My group's open tasks");
    Page page = national.page();
    page.locator(".tasks-list .task").first().waitFor();
    // the list fills in as Tasklist loads each task's variables: wait until both campaigns show
    for (String shown : List.of(ITHACA_CANDIDATE, ANN_ARBOR_CANDIDATE, "NY-24", "MI-06")) {
      page.locator("ol.tasks-list").getByText(shown).first().waitFor();
    }
    String list = page.locator("ol.tasks-list").innerText();
    assertThat(list).contains(ITHACA_CANDIDATE, ANN_ARBOR_CANDIDATE, "NY-24", "MI-06");
    assertThat(list).contains("Send the $1,000 check");
    national.screenshot("national list with candidates");
    List<String> filters = page.locator(".task-filter h4.name").allInnerTexts();
    assertThat(filters)
        .anyMatch(f -> f.contains("Due this week"))
        .anyMatch(f -> f.contains("Overdue"));
  }

  @Test
  void theBoardSendsAStrangerThroughTasklistsSignInAndBack() {
    Page page = newPage();
    page.navigate(baseUrl() + "/board");
    SignInForm.submit(page, "ithaca-canvass", "demo");
    page.waitForURL("**/board");
    assertThat(page.locator("h1").innerText()).isEqualTo("Campaign board");
  }

  private static String pathOf(String url) {
    return URI.create(url).getPath();
  }
}
