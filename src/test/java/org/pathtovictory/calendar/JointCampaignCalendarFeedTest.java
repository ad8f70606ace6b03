package org.pathtovictory.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.WebTestSupport;
import org.pathtovictory.board.BoardCampaigns;
import org.pathtovictory.board.JointBoardCampaigns;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A joint campaign in the calendar feeds: each group's feed carries its own group's steps of the
 * campaign (the partner's run in the partner's tenant) and the campaign's election dates, never the
 * other group's steps.
 */
class JointCampaignCalendarFeedTest extends WebTestSupport {

  static final String CANDIDATE = "Joint Calendar Candidate";
  static final String CONFIRM =
      "Due: Confirm that your group takes part (" + CANDIDATE + ", NY-24)";
  static final String CANVASSING = "Due: Organize canvassing (" + CANDIDATE + ", NY-24)";
  static final String ELECTION = "General election (" + CANDIDATE + ", NY-24)";

  @Autowired CalendarFeeds feeds;
  @Autowired RuntimeService runtimeService;

  private ProcessInstance lead;

  @BeforeEach
  void ithacaLeadsWithAnnArbor() {
    BoardCampaigns.setToday(BoardCampaigns.TODAY);
    lead = JointBoardCampaigns.ithacaWithAnnArbor(processEngine, CANDIDATE);
  }

  @AfterEach
  void removeCampaigns() {
    ClockUtil.reset();
    for (var instance : runtimeService.createProcessInstanceQuery().rootProcessInstances().list()) {
      runtimeService.deleteProcessInstance(instance.getId(), "test done", true, true, true);
    }
    feeds.revoke("a2-lead", CalendarFeeds.GROUP + ProcessTestSupport.ANN_ARBOR);
    feeds.revoke("a2-lead", CalendarFeeds.PERSONAL);
    feeds.revoke("ithaca-lead", CalendarFeeds.GROUP + ProcessTestSupport.ITHACA);
  }

  @Test
  void thePartnersGroupFeedHasItsOwnStepsAndTheElection() throws Exception {
    assertThat(JointBoardCampaigns.partnerOf(lead, ProcessTestSupport.ANN_ARBOR)).isNotNull();
    List<String> annArbor =
        summaries(feeds.renew("a2-lead", CalendarFeeds.GROUP + ProcessTestSupport.ANN_ARBOR));
    assertThat(annArbor).contains(CONFIRM, ELECTION).doesNotContain(CANVASSING);
    // the partner's lead has the confirmation in their own feed too
    assertThat(summaries(feeds.renew("a2-lead", CalendarFeeds.PERSONAL))).contains(CONFIRM);
  }

  @Test
  void theLeadGroupsFeedHasNotThePartnersSteps() throws Exception {
    List<String> ithaca =
        summaries(feeds.renew("ithaca-lead", CalendarFeeds.GROUP + ProcessTestSupport.ITHACA));
    assertThat(ithaca).contains(CANVASSING, ELECTION).doesNotContain(CONFIRM);
  }

  private List<String> summaries(String secret) throws Exception {
    var response = get("/calendar/" + secret + ".ics", null);
    assertThat(response.statusCode()).isEqualTo(200);
    List<VEvent> events =
        new CalendarBuilder().build(new StringReader(response.body())).getComponents("VEVENT");
    return events.stream().map(e -> e.getSummary().getValue()).toList();
  }
}
