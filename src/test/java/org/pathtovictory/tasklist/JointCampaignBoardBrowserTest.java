package org.pathtovictory.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.board.BoardCampaigns;
import org.pathtovictory.board.JointBoardCampaigns;
import org.pathtovictory.identity.LocalGroups;
import org.pathtovictory.tasks.PhoneTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A joint campaign on the board page in Chromium: Ithaca leads, Ann Arbor is the partner, both have
 * reported a week. Each group's lead sees the campaign once, the sum of both groups' numbers, both
 * groups' phases, and only their own group's volunteers and free text; on a 320 px phone the page
 * fits and has no serious accessibility violation.
 */
class JointCampaignBoardBrowserTest extends PhoneTestSupport {

  static final String CANDIDATE = "Joint Browser Candidate";

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  private ProcessInstance lead;

  @BeforeEach
  void bothGroupsReportAWeek() {
    BoardCampaigns.setToday(BoardCampaigns.TODAY);
    lead = JointBoardCampaigns.ithacaWithAnnArbor(processEngine, CANDIDATE);
    ProcessInstance partner = JointBoardCampaigns.partnerOf(lead, ANN_ARBOR);
    JointBoardCampaigns.confirm(partner, true);
    JointBoardCampaigns.partnerToVoterContact(partner);
    BoardCampaigns.setToday(BoardCampaigns.TODAY.plusDays(7));
    BoardCampaigns.report(lead, 400, 120, 300, 1);
    BoardCampaigns.report(partner, 250, 80, 200, 1);
    taskService.claim(
        JointBoardCampaigns.task(partner, "Task_OrganizeCanvassing").getId(), "a2-canvass");
    taskService.claim(
        JointBoardCampaigns.task(lead, "Task_OrganizeCanvassing").getId(), "ithaca-canvass");
  }

  @AfterEach
  void removeCampaigns() {
    ClockUtil.reset();
    for (var instance : runtimeService.createProcessInstanceQuery().rootProcessInstances().list()) {
      runtimeService.deleteProcessInstance(instance.getId(), "test done", true, true, true);
    }
  }

  @Test
  void eachGroupSeesTheSumAndOnlyItsOwnVolunteers() {
    String ithacaCanvass = name("ithaca-canvass");
    String annArborCanvass = name("a2-canvass");
    for (String user : new String[] {"ithaca-lead", "a2-lead"}) {
      Page page = loginToTasklist(user).page();
      page.navigate(baseUrl() + "/board");
      assertThat(page.locator("article.campaign .candidate").allInnerTexts())
          .as(user)
          .containsExactly(CANDIDATE);
      String card = "#campaign-" + lead.getId();
      assertThat(page.locator(card + " .goals li[data-measure=doors]").innerText())
          .as(user + ": both groups' doors against the campaign's goal")
          .contains("650 of 5,000");
      assertThat(
              page.locator(card + " .group-part[data-group=ny24-ithaca] .group-numbers")
                  .innerText())
          .contains("Doors knocked: 400");
      assertThat(
              page.locator(card + " .group-part[data-group=a2-indivisible] .group-numbers")
                  .innerText())
          .contains("Doors knocked: 250");
      assertThat(
              page.locator(card + " .group-part[data-group=a2-indivisible] .group-phase")
                  .innerText())
          .isEqualTo("Start talking to voters");
      String text = page.locator("body").innerText();
      if (user.equals("ithaca-lead")) {
        assertThat(text)
            .contains(ithacaCanvass)
            .doesNotContain(annArborCanvass, "a2-canvass")
            .doesNotContain(JointBoardCampaigns.PARTNER_PLAN);
      } else {
        assertThat(text).contains(annArborCanvass).doesNotContain(ithacaCanvass, "ithaca-canvass");
        assertThat(page.locator(card + " .group").innerText())
            .contains("(your group is a partner)");
      }
      page.screenshot(
          new Page.ScreenshotOptions()
              .setFullPage(true)
              .setPath(
                  BrowserTestSupport.SCREENSHOTS.resolve("joint-campaign-board-" + user + ".png")));
    }
  }

  @Test
  void theBoardWithAJointCampaignFits320PixelsAndPassesAxe() {
    // the groups' leads; an organizer's board (filter form, steps table) is wider: see the report
    for (String user : new String[] {"ithaca-lead", "a2-lead"}) {
      Page phone = loginToTasklist(user).page();
      phone.setViewportSize(320, 640);
      phone.navigate(baseUrl() + "/board");
      phone.locator(".group-part").first().waitFor();
      // the elements that reach past the screen's edge, named when the page does not fit
      Object wider =
          phone.evaluate(
              "() => [...document.querySelectorAll('body *')]"
                  + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                  + ".map(e => e.tagName + '.' + e.className).slice(0, 8)");
      assertFitsWidth(phone, "/board with a joint campaign, as " + user + " " + wider);
      assertThat(Axe.seriousViolations(phone)).as("/board as " + user).isEmpty();
    }
  }

  private String name(String userId) {
    return LocalGroups.displayName(identityService.createUserQuery().userId(userId).singleResult());
  }
}
