package org.pathtovictory.board;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.pathtovictory.WebTestSupport;
import org.pathtovictory.endorsement.Intake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Not a test: how long an Indivisible Organizer waits for the campaign board over 2,000 running
 * campaigns in 40 local groups (each in the national package and compliance review, a quarter of
 * them with ten weeks of voter-contact reports). The page is requested as a browser does, with
 * Tasklist's session; goal p95 under 300 ms, and after a change under 200 ms (under 300 ms at
 * 20,000 campaigns); a second node on the same database shows a change within 2 s. Run with {@code
 * -Pbench -Dit.test=CampaignBoardBenchmark} (add {@code -Dbenchmark.campaigns=...} and {@code
 * -Dbenchmark.board.rows=...} for other sizes).
 */
// on the benchmarks' database (embedded PostgreSQL in -Pbench) with the demo users who sign in,
// so a context of its own rather than the web tests' in-memory H2 one
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.profiles.active=${benchmark.profiles:test},demo")
class CampaignBoardBenchmark extends WebTestSupport {

  @Autowired RuntimeService runtimeService;
  @Autowired javax.sql.DataSource dataSource;

  private static final java.util.regex.Pattern SHOWN =
      java.util.regex.Pattern.compile("(\\d+) of \\d+ campaigns shown");

  @Test
  void organizerBoardOverManyCampaigns() throws Exception {
    int campaigns = Integer.getInteger("benchmark.campaigns", 2000);
    int groups = 40;
    BoardCampaigns.setToday(BoardCampaigns.TODAY);
    for (int g = 0; g < groups; g++) {
      String tenant = "bench-" + g;
      if (identityService.createTenantQuery().tenantId(tenant).count() == 0) {
        identityService.saveTenant(identityService.newTenant(tenant));
        for (String national :
            List.of("indivisible-organizers", "national-endorsements", "compliance-reviewers")) {
          identityService.createTenantGroupMembership(tenant, national);
        }
      }
    }
    StringBuilder reports = new StringBuilder("[");
    for (int week = 1; week <= 10; week++) {
      reports
          .append(week == 1 ? "" : ",")
          .append("{\"week\":")
          .append(week)
          .append(",\"reportedOn\":\"2026-05-")
          .append(10 + week)
          .append("\",\"reportedBy\":\"lead\",\"doorsKnocked\":400,\"conversations\":90,")
          .append("\"calls\":150,\"texts\":600,\"lettersPublished\":1,\"activeVolunteers\":14}");
    }
    reports.append("]");
    long seeding = System.nanoTime();
    for (int i = 0; i < campaigns; i++) {
      var intake = Intake.endorsementDaysBeforeElection(60 + i % 200);
      intake = Intake.with(intake, "leadGroup", "bench-" + (i % groups));
      intake = Intake.with(intake, "candidateName", "Candidate " + i);
      intake = Intake.with(intake, "race", (i % 2 == 0 ? "NY-" : "MI-") + (i % 27 + 1));
      intake = Intake.with(intake, "plannedSpending", i % 3 == 0);
      if (i % 3 == 0) {
        intake = Intake.with(intake, "spendingDescription", "Pizza for canvassers, $200");
      }
      var pi = runtimeService.startProcessInstanceByKey("post-endorsement", intake);
      if (i % 4 == 0) {
        runtimeService.setVariable(
            pi.getId(),
            "voterContactReports",
            org.camunda.spin.plugin.variable.SpinValues.jsonValue(reports.toString()).create());
        runtimeService.setVariable(pi.getId(), "voterContactGoalDoors", 20_000L);
      }
    }
    System.out.printf(
        "seeded %d campaigns in %.1f s%n", campaigns, (System.nanoTime() - seeding) / 1e9);

    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    signIn(browser, "organizer");
    List<Double> html = measure(browser, "/board", 20, 200, () -> {});
    List<Double> attention = measure(browser, "/board?attention=true&state=NY", 5, 100, () -> {});
    // the worst case: something changed before every request, so the board reads everything again
    String changing =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey("post-endorsement")
            .listPage(0, 1)
            .get(0)
            .getId();
    java.util.concurrent.atomic.AtomicLong tick = new java.util.concurrent.atomic.AtomicLong();
    List<Double> afterChange =
        measure(
            browser,
            "/board",
            2,
            20,
            () -> runtimeService.setVariable(changing, "benchmarkTick", tick.incrementAndGet()));
    System.out.printf(
        "BENCHMARK board, organizer, %d campaigns: /board p50 %.1f ms, p95 %.1f ms (goal p95 < 300 ms);"
            + " /board?attention=true&state=NY p50 %.1f ms, p95 %.1f ms;"
            + " /board after a change p50 %.1f ms, p95 %.1f ms (goal p95 <= 200 ms)%n",
        campaigns,
        pct(html, 50),
        pct(html, 95),
        pct(attention, 50),
        pct(attention, 95),
        pct(afterChange, 50),
        pct(afterChange, 95));
    java.util.Map<String, Object> section = new java.util.LinkedHashMap<>();
    section.put("campaigns", campaigns);
    section.put("goal_p95_ms", 300);
    section.put("board_p50_ms", pct(html, 50));
    section.put("board_p95_ms", pct(html, 95));
    section.put("filtered_p95_ms", pct(attention, 95));
    section.put("after_change_p50_ms", pct(afterChange, 50));
    section.put("after_change_p95_ms", pct(afterChange, 95));
    section.put("after_change_goal_p95_ms", 200);
    section.put("cross_node", crossNode(changing));
    List<Object> scaled = new ArrayList<>();
    for (String rows : System.getProperty("benchmark.board.rows", "2000,20000").split(",")) {
      scaled.add(scaled(browser, changing, tick, Integer.parseInt(rows.trim())));
    }
    section.put("scaled", scaled);
    org.pathtovictory.bench.BenchReport.section(
        "board", org.pathtovictory.bench.BenchReport.database(dataSource), section);
    ClockUtil.reset();
  }

  /**
   * A second application on the same database (a second node of a cluster): how long after a change
   * commits on this node the second node's board shows it; goal under 2 s.
   */
  private java.util.Map<String, Object> crossNode(String changing) throws Exception {
    var pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
    List<Double> visible = new ArrayList<>();
    try (var second =
        new org.springframework.boot.builder.SpringApplicationBuilder(
                org.pathtovictory.PathToVictoryApplication.class)
            .run(
                "--spring.profiles.active=test,demo",
                "--server.port=0",
                "--spring.datasource.url=" + pool.getJdbcUrl(),
                "--spring.datasource.username=" + pool.getUsername(),
                "--spring.datasource.password=" + pool.getPassword(),
                "--pathtovictory.node-name=second")) {
      CampaignBoard there = second.getBean(CampaignBoard.class);
      var organizer =
          second.getBean(org.pathtovictory.identity.Viewers.class).of("organizer").orElseThrow();
      for (int i = 0; i < 3 + 20; i++) {
        long goal = 30_000L + i;
        runtimeService.setVariable(changing, "voterContactGoalDoors", goal);
        long committed = System.nanoTime();
        while (!Long.valueOf(goal).equals(doorsGoal(there, organizer, changing))) {
          if (System.nanoTime() - committed > 30_000_000_000L) {
            throw new IllegalStateException("the second node did not show the change in 30 s");
          }
          Thread.sleep(5);
        }
        if (i >= 3) {
          visible.add((System.nanoTime() - committed) / 1e6);
        }
      }
    }
    Collections.sort(visible);
    System.out.printf(
        "BENCHMARK board, second node shows a change after p50 %.0f ms, p95 %.0f ms (goal < 2000 ms)%n",
        pct(visible, 50), pct(visible, 95));
    java.util.Map<String, Object> section = new java.util.LinkedHashMap<>();
    section.put("visible_p50_ms", pct(visible, 50));
    section.put("visible_p95_ms", pct(visible, 95));
    section.put("visible_max_ms", visible.get(visible.size() - 1));
    section.put("goal_ms", 2000);
    return section;
  }

  private static Long doorsGoal(
      CampaignBoard on, org.pathtovictory.identity.Viewer viewer, String id) {
    return on.campaign(viewer, id).map(c -> c.voterContact().goals().get(0).goal()).orElse(null);
  }

  /**
   * The board after a change over {@code rows} campaigns (property {@code benchmark.board.rows},
   * default 2,000 and 20,000): the read model's rows of the seeded campaigns copied under new ids
   * until there are that many (seeding 20,000 real campaigns takes longer than a benchmark run on a
   * shared machine may), so the read side (rows picked up, views made, page rendered) is measured
   * at that size; the change itself is real.
   */
  private java.util.Map<String, Object> scaled(
      HttpClient browser, String changing, java.util.concurrent.atomic.AtomicLong tick, int rows)
      throws Exception {
    var jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<java.util.Map<String, Object>> real =
        jdbc.queryForList(
            "select id, tenant_id, facts from ptv_board_campaign where ended = false");
    List<Object[]> copies = new ArrayList<>();
    for (int copy = 1; real.size() * (copy + 1) <= rows; copy++) {
      for (var row : real) {
        var facts =
            (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(text(row.get("facts")));
        String id = "copy-" + copy + "-" + row.get("id");
        facts.put("id", id);
        copies.add(new Object[] {id, row.get("tenant_id"), facts.toString()});
      }
    }
    jdbc.batchUpdate(
        "insert into ptv_board_campaign (id, tenant_id, ended, facts, revision, read_at, changed_at)"
            + " values (?, ?, false, ?, 1, LOCALTIMESTAMP, LOCALTIMESTAMP)",
        copies);
    int total = real.size() + copies.size();
    try {
      List<Double> afterChange =
          measure(
              browser,
              "/board",
              3,
              20,
              () -> runtimeService.setVariable(changing, "benchmarkTick", tick.incrementAndGet()));
      System.out.printf(
          "BENCHMARK board, organizer, %d campaigns (read model): /board after a change p50 %.1f ms,"
              + " p95 %.1f ms (goal p95 <= 300 ms)%n",
          total, pct(afterChange, 50), pct(afterChange, 95));
      java.util.Map<String, Object> section = new java.util.LinkedHashMap<>();
      section.put("campaigns", total);
      section.put("after_change_p50_ms", pct(afterChange, 50));
      section.put("after_change_p95_ms", pct(afterChange, 95));
      section.put("goal_p95_ms", 300);
      section.put(
          "how", "the seeded campaigns' read-model rows copied under new ids; the change is real");
      return section;
    } finally {
      jdbc.update("delete from ptv_board_campaign where id like 'copy-%'");
    }
  }

  private static String text(Object value) throws java.sql.SQLException {
    return value instanceof java.sql.Clob clob
        ? clob.getSubString(1, (int) clob.length())
        : String.valueOf(value);
  }

  private void signIn(HttpClient browser, String user) throws Exception {
    String base = "http://localhost:" + port;
    browser.send(
        HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String xsrf =
        ((CookieManager) browser.cookieHandler().orElseThrow())
            .getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst()
                .orElseThrow()
                .getValue();
    var login =
        browser.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new IllegalStateException(
          "sign-in refused: " + login.statusCode() + " " + login.body());
    }
  }

  private List<Double> measure(
      HttpClient browser, String path, int warmUp, int runs, Runnable beforeEach) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < warmUp + runs; i++) {
      beforeEach.run();
      long start = System.nanoTime();
      var response =
          browser.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      double elapsed = (System.nanoTime() - start) / 1e6;
      if (response.statusCode() != 200 || !response.body().contains("campaigns shown")) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
      // the work timed happened: the organizer's board lists campaigns
      var shown = SHOWN.matcher(response.body());
      if (path.equals("/board") && (!shown.find() || Integer.parseInt(shown.group(1)) == 0)) {
        throw new IllegalStateException(path + " showed no campaign");
      }
      if (i >= warmUp) {
        millis.add(elapsed);
      }
    }
    Collections.sort(millis);
    return millis;
  }

  private static double pct(List<Double> sorted, int percentile) {
    return sorted.get(
        Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
  }
}
