package org.pathtovictory.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathtovictory.board.Board.Filter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The campaign board: {@code /board} (HTML, Tasklist's sign-in), {@code /api/board} (JSON, HTTP
 * Basic) and the voter-contact export of one campaign as CSV under both.
 */
@RestController
class BoardController {

  static final int PAGE_SIZE = 25;
  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final CampaignBoard board;
  private final Viewers viewers;
  private final Pages pages;
  private final ObjectMapper json;

  BoardController(CampaignBoard board, Viewers viewers, Pages pages, ObjectMapper json) {
    this.board = board;
    this.viewers = viewers;
    this.pages = pages;
    this.json = json;
  }

  @GetMapping(value = "/board", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(
      HttpServletRequest request,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String phase,
      @RequestParam(required = false) String track,
      @RequestParam(required = false) String attention,
      @RequestParam(required = false) String page) {
    var viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request);
    }
    Filter filter;
    int pageNumber;
    try {
      filter = filter(state, phase, track, attention);
      pageNumber = pageNumber(page);
    } catch (ResponseStatusException refused) {
      return pages.message(
          HttpStatus.BAD_REQUEST, "This filter does not work", refused.getReason());
    }
    Board result =
        Board.of(viewer.get(), board.campaigns(viewer.get()), filter, pageNumber, PAGE_SIZE);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("viewer", viewer.get());
    model.put("board", result);
    model.put("charts", charts(result.campaigns()));
    model.put("query", query(filter));
    return pages.render("board", model);
  }

  @GetMapping(value = "/api/board", produces = MediaType.APPLICATION_JSON_VALUE)
  Board api(
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String phase,
      @RequestParam(required = false) String track,
      @RequestParam(required = false) String attention) {
    Viewer viewer =
        viewers
            .fromEngine()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    List<CampaignView> all = board.campaigns(viewer);
    return Board.of(
        viewer, all, filter(state, phase, track, attention), 1, Math.max(1, all.size()));
  }

  @GetMapping("/board/campaigns/{id}/voter-contact.csv")
  ResponseEntity<String> csvForBrowser(HttpServletRequest request, @PathVariable String id) {
    var viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request);
    }
    return csv(viewer.get(), id);
  }

  @GetMapping("/api/board/campaigns/{id}/voter-contact.csv")
  ResponseEntity<String> csvForApi(@PathVariable String id) {
    Viewer viewer =
        viewers
            .fromEngine()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    return csv(viewer, id);
  }

  private ResponseEntity<String> csv(Viewer viewer, String id) {
    var reports = board.reports(viewer, id);
    if (reports.isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "No campaign " + id + " of your local groups");
    }
    var r = reports.get();
    return ResponseEntity.ok()
        .contentType(CSV)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"voter-contact-" + id.replaceAll("[^A-Za-z0-9-]", "") + ".csv\"")
        .body(VoterContactCsv.write(r.candidateName(), r.race(), r.reports()));
  }

  /** Not signed in: Tasklist's sign-in, which sends the volunteer back here afterwards. */
  static ResponseEntity<String> signIn(HttpServletRequest request) {
    return SignIn.andBack(request);
  }

  static Filter filter(String state, String phase, String track, String attention) {
    String s = blankToNull(state);
    if (s != null && !s.matches("[A-Za-z]{2}")) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "state must be a two-letter state code such as NY");
    }
    String p = blankToNull(phase);
    if (p != null && Phase.parse(p).isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "phase must be one of "
              + String.join(
                  ", ", java.util.Arrays.stream(Phase.values()).map(Phase::name).toList()));
    }
    String t = blankToNull(track);
    if (t != null && !List.of("FULL", "ACCELERATED", "GOTV_ONLY").contains(t.toUpperCase())) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "track must be one of FULL, ACCELERATED, GOTV_ONLY");
    }
    String a = blankToNull(attention);
    if (a != null && !List.of("true", "false", "on").contains(a)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "attention must be true or false");
    }
    return new Filter(
        s == null ? null : s.toUpperCase(),
        p == null ? null : p.toUpperCase(),
        t == null ? null : t.toUpperCase(),
        "true".equals(a) || "on".equals(a));
  }

  private static int pageNumber(String page) {
    if (page == null || page.isBlank()) {
      return 1;
    }
    try {
      return Math.max(1, Integer.parseInt(page.trim()));
    } catch (NumberFormatException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be a whole number");
    }
  }

  private static String query(Filter filter) {
    StringBuilder query = new StringBuilder();
    if (filter.state() != null) {
      query.append("&state=").append(filter.state());
    }
    if (filter.phase() != null) {
      query.append("&phase=").append(filter.phase());
    }
    if (filter.track() != null) {
      query.append("&track=").append(filter.track());
    }
    if (filter.needsAttention()) {
      query.append("&attention=true");
    }
    return query.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Per campaign the chart's data as JSON, read by board.js (and shown in the table). */
  private Map<String, String> charts(List<CampaignView> campaigns) {
    Map<String, String> charts = new LinkedHashMap<>();
    for (CampaignView campaign : campaigns) {
      var weeks = campaign.voterContact().weeks();
      Map<String, Object> chart = new LinkedHashMap<>();
      chart.put("labels", weeks.stream().map(w -> "Week " + w.week()).toList());
      chart.put(
          "weekly",
          Map.of(
              "doors", weeks.stream().map(CampaignView.Week::doors).toList(),
              "calls", weeks.stream().map(CampaignView.Week::calls).toList(),
              "texts", weeks.stream().map(CampaignView.Week::texts).toList(),
              "letters", weeks.stream().map(CampaignView.Week::letters).toList()));
      chart.put(
          "cumulative",
          Map.of(
              "doors", weeks.stream().map(CampaignView.Week::doorsSoFar).toList(),
              "calls", weeks.stream().map(CampaignView.Week::callsSoFar).toList(),
              "texts", weeks.stream().map(CampaignView.Week::textsSoFar).toList(),
              "letters", weeks.stream().map(CampaignView.Week::lettersSoFar).toList()));
      Map<String, Long> goals = new LinkedHashMap<>();
      campaign.voterContact().goals().forEach(g -> goals.put(g.measure(), g.goal()));
      chart.put("goals", goals);
      try {
        charts.put(campaign.id(), json.writeValueAsString(chart));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return charts;
  }
}
