package org.pathtovictory.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.WebTestSupport;
import org.pathtovictory.board.BoardCampaigns;
import org.pathtovictory.web.SecretTokens;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The calendar feeds as a calendar app reads them: without a password, parsed with ical4j, with the
 * campaign's key dates and the volunteer's tasks in the campaign's time zone; a revoked or renewed
 * address answers 404.
 */
class CalendarFeedTest extends WebTestSupport {

  @Autowired CalendarFeeds feeds;
  @Autowired RuntimeService runtimeService;

  private ProcessInstance ithaca;

  @BeforeEach
  void ithacaRunsACampaign() {
    BoardCampaigns.setToday(BoardCampaigns.TODAY);
    ithaca =
        BoardCampaigns.inVoterContact(
            processEngine, ProcessTestSupport.ITHACA, "Calendar Candidate", "NY-24");
  }

  @AfterEach
  void removeCampaigns() {
    ClockUtil.reset();
    for (var instance : runtimeService.createProcessInstanceQuery().rootProcessInstances().list()) {
      runtimeService.deleteProcessInstance(instance.getId(), "test done", true, true, true);
    }
    feeds.revoke("ithaca-canvass", CalendarFeeds.PERSONAL);
    feeds.revoke("ithaca-canvass", CalendarFeeds.GROUP + ProcessTestSupport.ITHACA);
    feeds.revoke("a2-lead", CalendarFeeds.GROUP + ProcessTestSupport.ITHACA);
  }

  @Test
  void personalFeedHasTheTasksAndKeyDatesInTheCampaignsTimeZone() throws Exception {
    String secret = feeds.renew("ithaca-canvass", CalendarFeeds.PERSONAL);
    var response = get("/calendar/" + secret + ".ics", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/calendar");
    Calendar calendar = new CalendarBuilder().build(new StringReader(response.body()));

    List<VTimeZone> zones = calendar.getComponents("VTIMEZONE");
    assertThat(zones).hasSize(1);
    assertThat(zones.get(0).getProperty(Property.TZID).orElseThrow().getValue())
        .isEqualTo("America/New_York");

    List<VEvent> events = calendar.getComponents("VEVENT");
    List<String> summaries = events.stream().map(e -> e.getSummary().getValue()).toList();
    // the canvass lead holds canvassing, named in the quick plan
    assertThat(summaries).contains("Due: Organize canvassing (Calendar Candidate, NY-24)");
    assertThat(summaries)
        .contains(
            "General election (Calendar Candidate, NY-24)",
            "Get-out-the-vote starts (Calendar Candidate, NY-24)");
    VEvent election =
        events.stream()
            .filter(e -> e.getSummary().getValue().startsWith("General election"))
            .findFirst()
            .orElseThrow();
    assertThat(election.getProperty(Property.DTSTART).orElseThrow().getValue())
        .isEqualTo(BoardCampaigns.TODAY.plusDays(28).toString().replace("-", ""));
    VEvent canvassing =
        events.stream()
            .filter(e -> e.getSummary().getValue().startsWith("Due: Organize canvassing"))
            .findFirst()
            .orElseThrow();
    var start = canvassing.getProperty(Property.DTSTART).orElseThrow();
    assertThat(start.getParameter("TZID").orElseThrow().getValue()).isEqualTo("America/New_York");
    // due at 5 pm campaign time
    assertThat(start.getValue()).endsWith("T170000");
  }

  @Test
  void aMovedTaskMovesInTheFeed() throws Exception {
    String secret = feeds.renew("ithaca-canvass", CalendarFeeds.PERSONAL);
    var tasks = processEngine.getTaskService();
    var canvassing =
        tasks
            .createTaskQuery()
            .processInstanceId(ithaca.getId())
            .taskDefinitionKey("Task_OrganizeCanvassing")
            .singleResult();
    canvassing.setDueDate(
        java.util.Date.from(
            BoardCampaigns.TODAY
                .plusDays(3)
                .atTime(10, 30)
                .atZone(ProcessTestSupport.ZONE)
                .toInstant()));
    tasks.saveTask(canvassing);
    String body = get("/calendar/" + secret + ".ics", null).body();
    assertThat(body).contains("DTSTART;TZID=America/New_York:20260604T103000");
  }

  @Test
  void revokedAndRenewedAddressesAreRefused() {
    String first = feeds.renew("ithaca-canvass", CalendarFeeds.PERSONAL);
    String second = feeds.renew("ithaca-canvass", CalendarFeeds.PERSONAL);
    assertThat(get("/calendar/" + first + ".ics", null).statusCode()).isEqualTo(404);
    assertThat(get("/calendar/" + second + ".ics", null).statusCode()).isEqualTo(200);
    feeds.revoke("ithaca-canvass", CalendarFeeds.PERSONAL);
    var revoked = get("/calendar/" + second + ".ics", null);
    assertThat(revoked.statusCode()).isEqualTo(404);
    assertThat(revoked.body()).contains("does not work");
    assertThat(get("/calendar/not-a-secret.ics", null).statusCode()).isEqualTo(404);
  }

  @Test
  void groupFeedForMembersOnly() throws Exception {
    String member = feeds.renew("ithaca-canvass", CalendarFeeds.GROUP + ProcessTestSupport.ITHACA);
    var response = get("/calendar/" + member + ".ics", null);
    assertThat(response.statusCode()).isEqualTo(200);
    Calendar calendar = new CalendarBuilder().build(new StringReader(response.body()));
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events.stream().map(e -> e.getSummary().getValue()))
        .contains("General election (Calendar Candidate, NY-24)")
        .anyMatch(
            s -> s.startsWith("Due: Report this week") || s.startsWith("Due: Run the phone bank"));
    // someone outside the group holding an address for it (made before they left) reads nothing
    String outsider = feeds.renew("a2-lead", CalendarFeeds.GROUP + ProcessTestSupport.ITHACA);
    assertThat(get("/calendar/" + outsider + ".ics", null).statusCode()).isEqualTo(404);
  }

  @Test
  void onlyTheHashOfTheSecretIsStored() {
    String secret = feeds.renew("ithaca-canvass", CalendarFeeds.PERSONAL);
    var stored =
        new org.springframework.jdbc.core.JdbcTemplate(
                processEngine.getProcessEngineConfiguration().getDataSource())
            .queryForList("select token_hash from ptv_calendar_feed", String.class);
    assertThat(stored).doesNotContain(secret).contains(SecretTokens.hash(secret));
  }
}
