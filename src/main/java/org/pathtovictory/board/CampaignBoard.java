package org.pathtovictory.board;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.identity.Viewer;
import org.springframework.stereotype.Component;

/**
 * Every campaign a viewer may see, from the board's read model ({@link CampaignRows}): the
 * campaigns of the viewer's local groups (tenants; the engine's own authorization check is left out
 * on purpose: every member of a local group sees its campaigns, not only those with Cockpit
 * rights); partner groups of a joint campaign see it too, without volunteers' names. {@link
 * CampaignViews} turns each campaign's facts into its view.
 */
@Component
public class CampaignBoard {

  static final String PROCESS = CampaignReader.PROCESS;

  private final HistoryService historyService;
  private final IdentityService identityService;
  private final ZoneId zone;
  private final CampaignViews view;
  private final CampaignRows rows;
  private final Map<List<String>, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final JointCampaignParts jointParts;

  /**
   * How long the board keeps the views it made while no campaign changes (overdue steps and days to
   * election day move with the clock).
   */
  static final Duration SNAPSHOT_LIMIT = Duration.ofSeconds(10);

  private static final int MAX_SNAPSHOTS = 500;

  /**
   * The views made for one set of local groups, at read-model generation {@code version}, by the
   * engine clock {@code engineTime} (tests move it) and the real clock {@code readAt}.
   */
  private record Snapshot(List<CampaignView> views, long version, long engineTime, long readAt) {}

  CampaignBoard(
      HistoryService historyService,
      IdentityService identityService,
      TaskService taskService,
      PathToVictoryProperties properties,
      CampaignRows rows,
      CampaignReader reader) {
    this.historyService = historyService;
    this.identityService = identityService;
    this.zone = properties.timeZone();
    this.rows = rows;
    this.view = new CampaignViews(zone);
    this.jointParts = new JointCampaignParts(historyService, taskService, view, reader::openSteps);
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * Every running campaign the viewer may see, soonest election first, from the board's read model
   * ({@link CampaignRows}, one row per campaign kept up to date as the engine changes it). The
   * views made for the same local groups are kept until a row changes, the engine clock moves, or
   * {@link #SNAPSHOT_LIMIT} passes.
   */
  public List<CampaignView> campaigns(Viewer viewer) {
    if (viewer.tenantIds().isEmpty()) {
      return List.of();
    }
    List<String> key = new ArrayList<>(new java.util.TreeSet<>(viewer.tenantIds()));
    key.add(viewer.national() ? "national" : "local");
    Collection<CampaignFacts> all = rows.current();
    long version = rows.generation();
    long engineTime = ClockUtil.getCurrentTime().getTime();
    long now = System.currentTimeMillis();
    Snapshot kept = snapshots.get(key);
    if (kept != null
        && kept.version() == version
        && Math.abs(engineTime - kept.engineTime()) < SNAPSHOT_LIMIT.toMillis()
        && now - kept.readAt() < SNAPSHOT_LIMIT.toMillis()) {
      return kept.views();
    }
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      List<CampaignView> views = List.copyOf(read(viewer, all));
      if (snapshots.size() >= MAX_SNAPSHOTS) {
        snapshots.clear();
      }
      snapshots.put(key, new Snapshot(views, version, engineTime, now));
      return views;
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  /** One campaign of the viewer's, if they may see it. */
  public Optional<CampaignView> campaign(Viewer viewer, String id) {
    return campaigns(viewer).stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** A campaign's weekly reports, also after it ended, for export. */
  public record Reports(String candidateName, String race, List<JsonNode> reports) {}

  /**
   * The reports of one campaign the viewer may see (their group's, or one their group is a partner
   * in), read from history so an ended campaign can still be exported.
   */
  public Optional<Reports> reports(Viewer viewer, String id) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      HistoricProcessInstance campaign =
          historyService
              .createHistoricProcessInstanceQuery()
              .processInstanceId(id)
              .processDefinitionKey(PROCESS)
              .singleResult();
      if (campaign == null) {
        return Optional.empty();
      }
      Map<String, Object> vars = new HashMap<>();
      historyService
          .createHistoricVariableInstanceQuery()
          .processInstanceId(id)
          .variableNameIn("candidateName", "race", "partnerGroups", "voterContactReports")
          .list()
          .forEach(v -> vars.putIfAbsent(v.getName(), v.getValue()));
      boolean member = viewer.tenantIds().contains(campaign.getTenantId());
      boolean partner =
          CampaignViews.split(vars.get("partnerGroups")).stream()
              .anyMatch(viewer.tenantIds()::contains);
      if (!member && !partner) {
        return Optional.empty();
      }
      return Optional.of(
          new Reports(
              CampaignViews.text(vars, "candidateName"),
              CampaignViews.text(vars, "race"),
              member
                  ? CampaignViews.reports(vars.get("voterContactReports"))
                  : JointCampaignParts.withoutReporters(vars.get("voterContactReports"))));
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  private List<CampaignView> read(Viewer viewer, Collection<CampaignFacts> all) {
    Set<String> tenants = Set.copyOf(viewer.tenantIds());
    Instant now = ClockUtil.getCurrentTime().toInstant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    Map<String, String> groupNames = groupNames();
    List<CampaignView> views = new ArrayList<>();
    for (CampaignFacts campaign : all) {
      boolean member = tenants.contains(campaign.tenantId());
      // a joint campaign led by another group that names one of the viewer's groups as partner
      boolean partner =
          !member
              && !viewer.national()
              && campaign.joint()
              && campaign.partnerGroups().stream().anyMatch(tenants::contains);
      if (member || partner) {
        CampaignView seen = view.view(campaign, partner, tenants, groupNames, now, today);
        // a joint campaign: every group's part, read from the partners' own instances
        views.add(
            jointParts.withGroupParts(viewer, seen, campaign.variables(), groupNames, now, today));
      }
    }
    views.sort(
        Comparator.comparing(
                CampaignView::nextElectionDate, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CampaignView::candidateName, Comparator.nullsLast(String::compareTo)));
    return views;
  }

  private Map<String, String> groupNames() {
    Map<String, String> names = new HashMap<>();
    for (Tenant tenant : identityService.createTenantQuery().list()) {
      names.put(tenant.getId(), tenant.getName() == null ? tenant.getId() : tenant.getName());
    }
    return names;
  }
}
