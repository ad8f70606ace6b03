package org.pathtovictory.board;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.identity.CampaignRole;
import org.pathtovictory.identity.LocalGroups;
import org.pathtovictory.identity.Viewer;
import org.springframework.stereotype.Component;

/**
 * Reads every campaign a viewer may see, in a handful of queries however many campaigns there are:
 * the instances, their variables, open tasks and unfinished activities, each fetched once for all.
 * The viewer's tenants bound every query (the engine's own authorization check is left out on
 * purpose: every member of a local group sees its campaigns, not only those with Cockpit rights);
 * partner groups of a joint campaign see it too, without volunteers' names. This is the read side;
 * {@link CampaignViews} turns what it read into each campaign's view.
 */
@Component
public class CampaignBoard {

  static final String PROCESS = "post-endorsement";

  private static final List<String> VARIABLES =
      List.of(
          "candidateName",
          "office",
          "race",
          "leadGroup",
          "partnerGroups",
          "planningTrack",
          "nextElection",
          "nextElectionDate",
          "gotvStartDate",
          "primaryDate",
          "generalElectionDate",
          "partyDate",
          "complianceOutcome",
          "spendingDecision",
          "spendingConditions",
          "voterContactReports",
          "voterContactGoalDoors",
          "voterContactGoalCalls",
          "voterContactGoalTexts",
          "voterContactGoalLetters");

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final RepositoryService repositoryService;
  private final ZoneId zone;
  private final CampaignViews view;
  private final Map<String, Map<String, String>> rolesByDefinition = new ConcurrentHashMap<>();
  private final EngineChanges changes;
  private final Map<List<String>, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final JointCampaignParts jointParts;

  /** How long the board keeps what it read while nothing changes here: changes on other nodes. */
  static final Duration SNAPSHOT_LIMIT = Duration.ofSeconds(10);

  private static final int MAX_SNAPSHOTS = 500;

  /**
   * The campaigns as read for one set of local groups, at engine change {@code version}, by the
   * engine clock {@code engineTime} (tests move it) and the real clock {@code readAt}.
   */
  private record Snapshot(List<CampaignView> views, long version, long engineTime, long readAt) {}

  CampaignBoard(
      RuntimeService runtimeService,
      TaskService taskService,
      HistoryService historyService,
      IdentityService identityService,
      RepositoryService repositoryService,
      PathToVictoryProperties properties,
      EngineChanges changes) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.repositoryService = repositoryService;
    this.zone = properties.timeZone();
    this.changes = changes;
    this.view = new CampaignViews(zone, this::roleOf);
    this.jointParts = new JointCampaignParts(historyService, taskService, view, this::namesOf);
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * Every running campaign the viewer may see, soonest election first. Reading 2,000 campaigns
   * takes seconds, so what was read for the same local groups is kept until this node's engine
   * changes anything, the engine clock moves, or {@link #SNAPSHOT_LIMIT} passes.
   */
  public List<CampaignView> campaigns(Viewer viewer) {
    if (viewer.tenantIds().isEmpty()) {
      return List.of();
    }
    List<String> key = new ArrayList<>(new java.util.TreeSet<>(viewer.tenantIds()));
    key.add(viewer.national() ? "national" : "local");
    long version = changes.version();
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
      List<CampaignView> views = List.copyOf(read(viewer));
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

  private List<CampaignView> read(Viewer viewer) {
    String[] tenants = viewer.tenantIds().toArray(String[]::new);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    LocalDate today = LocalDate.ofInstant(now, zone);

    // every instance in the viewer's groups: campaigns, and what they called or asked
    List<ProcessInstance> all =
        runtimeService.createProcessInstanceQuery().tenantIdIn(tenants).active().list();
    Map<String, ProcessInstance> campaigns = new LinkedHashMap<>();
    Set<String> partnerCampaigns = new HashSet<>();
    for (ProcessInstance instance : all) {
      if (isCampaign(instance)) {
        campaigns.put(instance.getId(), instance);
      }
    }
    if (!viewer.national()) {
      for (ProcessInstance joint : jointCampaignsOf(viewer)) {
        if (campaigns.putIfAbsent(joint.getId(), joint) == null) {
          partnerCampaigns.add(joint.getId());
        }
      }
    }
    if (campaigns.isEmpty()) {
      return List.of();
    }
    // what a partner campaign called or asked lives in the lead group's tenant: by business key
    List<ProcessInstance> related = new ArrayList<>(all);
    for (String partner : partnerCampaigns) {
      related.addAll(
          runtimeService
              .createProcessInstanceQuery()
              .processInstanceBusinessKey(campaigns.get(partner).getBusinessKey())
              .active()
              .list());
    }
    // map every instance (called reviews, spending questions) to the campaign it belongs to
    Map<String, String> keyToCampaign = new HashMap<>();
    campaigns.values().forEach(c -> keyToCampaign.put(c.getBusinessKey(), c.getId()));
    Map<String, String> instanceToCampaign = new HashMap<>();
    Set<String> inReview = new HashSet<>();
    Set<String> partnerInstances = new HashSet<>();
    for (ProcessInstance instance : related) {
      String campaign =
          campaigns.containsKey(instance.getRootProcessInstanceId())
              ? instance.getRootProcessInstanceId()
              : keyToCampaign.get(instance.getBusinessKey());
      if (campaign == null
          || !java.util.Objects.equals(
              instance.getTenantId(), campaigns.get(campaign).getTenantId())) {
        continue; // a partner group's part runs in its own tenant: JointCampaignParts reads it
      }
      instanceToCampaign.put(instance.getId(), campaign);
      if (partnerCampaigns.contains(campaign)) {
        partnerInstances.add(instance.getId());
      }
      String definition = instance.getProcessDefinitionId();
      if (definition.startsWith("compliance-review:")
          || definition.startsWith("spending-question:")) {
        inReview.add(campaign);
      }
    }

    Map<String, Map<String, Object>> variables = variables(campaigns.keySet());
    Map<String, List<Task>> tasks = new HashMap<>();
    List<Task> openTasks =
        new ArrayList<>(taskService.createTaskQuery().tenantIdIn(tenants).list());
    if (!partnerCampaigns.isEmpty()) {
      openTasks.addAll(
          taskService
              .createTaskQuery()
              .processInstanceIdIn(partnerInstances.toArray(String[]::new))
              .list());
    }
    for (Task task : openTasks) {
      String campaign = instanceToCampaign.get(task.getProcessInstanceId());
      if (campaign != null) {
        tasks.computeIfAbsent(campaign, k -> new ArrayList<>()).add(task);
      }
    }
    Map<String, List<HistoricActivityInstance>> activities = new HashMap<>();
    List<HistoricActivityInstance> unfinished =
        new ArrayList<>(
            historyService
                .createHistoricActivityInstanceQuery()
                .unfinished()
                .tenantIdIn(tenants)
                .list());
    for (String partner : partnerCampaigns) {
      unfinished.addAll(
          historyService
              .createHistoricActivityInstanceQuery()
              .unfinished()
              .processInstanceId(partner)
              .list());
    }
    for (HistoricActivityInstance activity : unfinished) {
      if (campaigns.containsKey(activity.getProcessInstanceId())) {
        activities
            .computeIfAbsent(activity.getProcessInstanceId(), k -> new ArrayList<>())
            .add(activity);
      }
    }
    Map<String, String> people = namesOf(tasks.values());
    Map<String, String> groupNames = groupNames();

    List<CampaignView> views = new ArrayList<>();
    for (ProcessInstance instance : campaigns.values()) {
      String id = instance.getId();
      views.add(
          view.view(
              instance,
              variables.getOrDefault(id, Map.of()),
              tasks.getOrDefault(id, List.of()),
              activities.getOrDefault(id, List.of()),
              inReview.contains(id),
              partnerCampaigns.contains(id),
              people,
              groupNames,
              now,
              today));
    }
    views.replaceAll(
        c ->
            jointParts.withGroupParts(
                viewer, c, variables.getOrDefault(c.id(), Map.of()), groupNames, now, today));
    views.sort(
        Comparator.comparing(
                CampaignView::nextElectionDate, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CampaignView::candidateName, Comparator.nullsLast(String::compareTo)));
    return views;
  }

  private static boolean isCampaign(ProcessInstance instance) {
    return instance.getProcessDefinitionId().startsWith(PROCESS + ":")
        && instance.getId().equals(instance.getRootProcessInstanceId());
  }

  /** Joint campaigns led by another group that names one of the viewer's groups as partner. */
  private List<ProcessInstance> jointCampaignsOf(Viewer viewer) {
    List<ProcessInstance> joint =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(PROCESS)
            .variableValueEquals("jointCampaign", true)
            .active()
            .list();
    if (joint.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Object>> partners =
        variables(joint.stream().map(ProcessInstance::getId).toList());
    return joint.stream()
        .filter(i -> !viewer.tenantIds().contains(i.getTenantId()))
        .filter(
            i ->
                CampaignViews.split(partners.getOrDefault(i.getId(), Map.of()).get("partnerGroups"))
                    .stream()
                    .anyMatch(viewer.tenantIds()::contains))
        .toList();
  }

  private Map<String, Map<String, Object>> variables(Collection<String> instanceIds) {
    Map<String, Map<String, Object>> byInstance = new HashMap<>();
    List<String> ids = List.copyOf(instanceIds);
    // chunks keep the IN list within what every database accepts
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      for (VariableInstance variable :
          runtimeService
              .createVariableInstanceQuery()
              .processInstanceIdIn(chunk.toArray(String[]::new))
              .variableNameIn(VARIABLES.toArray(String[]::new))
              .list()) {
        Map<String, Object> values =
            byInstance.computeIfAbsent(variable.getProcessInstanceId(), k -> new HashMap<>());
        // the instance's own value wins over a local one of the same name in a sub-process
        if (variable.getExecutionId().equals(variable.getProcessInstanceId())
            || !values.containsKey(variable.getName())) {
          values.put(variable.getName(), variable.getValue());
        }
      }
    }
    return byInstance;
  }

  /** The role a task waits for, from its model (read once per process definition). */
  private String roleOf(Task task) {
    Map<String, String> roles =
        rolesByDefinition.computeIfAbsent(
            task.getProcessDefinitionId(),
            definition -> {
              Map<String, String> byElement = new HashMap<>();
              repositoryService
                  .getBpmnModelInstance(definition)
                  .getModelElementsByType(UserTask.class)
                  .forEach(
                      userTask -> {
                        String groups = userTask.getCamundaCandidateGroups();
                        if (groups != null && !groups.contains("$")) {
                          byElement.put(userTask.getId(), roleNames(groups));
                        }
                      });
              return byElement;
            });
    return roles.get(task.getTaskDefinitionKey());
  }

  private static String roleNames(String groups) {
    return Arrays.stream(groups.split(","))
        .map(String::trim)
        .map(
            id ->
                Arrays.stream(CampaignRole.values())
                    .filter(r -> r.groupId().equals(id))
                    .map(CampaignRole::displayName)
                    .findFirst()
                    .orElse(id))
        .collect(Collectors.joining(", "));
  }

  private Map<String, String> namesOf(Collection<List<Task>> tasks) {
    Set<String> assignees =
        tasks.stream()
            .flatMap(List::stream)
            .map(Task::getAssignee)
            .filter(a -> a != null)
            .collect(Collectors.toSet());
    Map<String, String> names = new HashMap<>();
    if (!assignees.isEmpty()) {
      for (User user :
          identityService.createUserQuery().userIdIn(assignees.toArray(String[]::new)).list()) {
        names.put(user.getId(), LocalGroups.displayName(user));
      }
    }
    return names;
  }

  private Map<String, String> groupNames() {
    Map<String, String> names = new HashMap<>();
    for (Tenant tenant : identityService.createTenantQuery().list()) {
      names.put(tenant.getId(), tenant.getName() == null ? tenant.getId() : tenant.getName());
    }
    return names;
  }
}
