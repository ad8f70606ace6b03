package org.pathtovictory.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.pathtovictory.board.CampaignFacts.OpenStep;
import org.pathtovictory.board.CampaignView.Compliance;
import org.pathtovictory.board.CampaignView.Step;
import org.pathtovictory.board.CampaignView.VoterContact;
import org.pathtovictory.board.JointCampaign.GroupPart;
import org.pathtovictory.identity.Viewer;

/**
 * Adds every group's part to a joint campaign's view (a campaign with {@code partnerGroups}): the
 * lead group's part from the campaign itself, each partner's from its instance of {@value
 * #PARTNER_PROCESS} (called by the campaign, in the partner's tenant), and the campaign's voter
 * contact as the sum of every group's reports against the lead group's goals. What a viewer may see
 * of a group other than their own is cut here, once for the page, the API and the calendar: no open
 * steps (so no volunteer's name) and no free text. Reads as the application (the board has cleared
 * the caller's authentication), since a partner's part lives in another tenant.
 */
final class JointCampaignParts {

  static final String PARTNER_PROCESS = "joint-campaign-partner";
  static final String CONFIRM_TASK = "Task_ConfirmTakingPart";
  static final String TELL_LEAD = "ServiceTask_TellLeadNotTakingPart";

  /** Elements of the partner's model that the lead's model names differently, and their phase. */
  private static final Map<String, Phase> PARTNER_ELEMENTS =
      Map.of(
          "CallActivity_PartnerCompliance", Phase.COMPLIANCE,
          "ServiceTask_GivePartOfPlan", Phase.PLANNING,
          "MessageEvent_WaitForResult", Phase.ELECTION_RESULT);

  /** A partner that is out of the campaign: its phase says so, its numbers still count. */
  static final Set<String> OUT = Set.of("NOT_TAKING_PART", "LEFT");

  private static final List<String> VARIABLES =
      List.of(
          "group",
          "takingPart",
          "complianceOutcome",
          "spendingDecision",
          "spendingConditions",
          "voterContactReports",
          "voterContactGoalDoors",
          "voterContactGoalCalls",
          "voterContactGoalTexts",
          "voterContactGoalLetters");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HistoryService historyService;
  private final TaskService taskService;
  private final CampaignViews views;
  private final Function<List<Task>, List<OpenStep>> openSteps;

  /** {@code openSteps} makes the board's steps of tasks: role and assignee's name. */
  JointCampaignParts(
      HistoryService historyService,
      TaskService taskService,
      CampaignViews views,
      Function<List<Task>, List<OpenStep>> openSteps) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.views = views;
    this.openSteps = openSteps;
  }

  /**
   * The campaign with its groups' parts, as {@code viewer} may see it; a campaign without partner
   * groups stays as it is.
   */
  CampaignView withGroupParts(
      Viewer viewer,
      CampaignView campaign,
      Map<String, Object> leadVariables,
      Map<String, String> groupNames,
      Instant now,
      LocalDate today) {
    if (campaign.partnerGroups().isEmpty()) {
      return campaign;
    }
    Map<String, Partner> partners = partners(campaign.id());
    boolean leadDetail = mayDetail(viewer, campaign.leadGroup());

    List<GroupPart> groups = new ArrayList<>();
    List<List<JsonNode>> reports = new ArrayList<>();
    reports.add(CampaignViews.reports(leadVariables.get("voterContactReports")));
    groups.add(
        new GroupPart(
            campaign.leadGroup(),
            campaign.leadGroupName(),
            true,
            viewer.tenantIds().contains(campaign.leadGroup()),
            leadDetail,
            campaign.phase() == null ? "STARTING" : campaign.phase().name(),
            campaign.phaseWords(),
            campaign.nextSteps().size(),
            leadDetail ? campaign.nextSteps() : List.of(),
            leadDetail ? campaign.compliance() : withoutConditions(campaign.compliance()),
            views.voterContact(leadVariables, campaign.nextElectionDate(), today)));
    // the groups named at the start, and any added since
    Set<String> partnerGroups = new java.util.LinkedHashSet<>(campaign.partnerGroups());
    partnerGroups.addAll(partners.keySet());
    for (String group : partnerGroups) {
      Partner partner = partners.get(group);
      boolean detail = mayDetail(viewer, group);
      Map<String, Object> vars = partner == null ? Map.of() : partner.variables();
      reports.add(CampaignViews.reports(vars.get("voterContactReports")));
      List<Step> steps = partner == null ? List.of() : steps(partner, now);
      String[] phase = partner == null ? waiting() : phase(partner);
      Compliance compliance = CampaignViews.compliance(vars, partner != null && partner.inReview());
      groups.add(
          new GroupPart(
              group,
              groupNames.getOrDefault(group, group),
              false,
              viewer.tenantIds().contains(group),
              detail,
              phase[0],
              phase[1],
              steps.size(),
              detail ? steps : List.of(),
              detail ? compliance : withoutConditions(compliance),
              views.voterContact(vars, campaign.nextElectionDate(), today)));
    }
    int takingPart = (int) groups.stream().filter(GroupPart::takingPart).count();

    // the campaign's numbers: every group's week n added up, against the lead group's goals
    Map<String, Object> together = new HashMap<>(leadVariables);
    together.put("voterContactReports", sumByWeek(reports));
    VoterContact total = views.voterContact(together, campaign.nextElectionDate(), today);

    List<String> attention = new ArrayList<>();
    int overdue = 0;
    for (GroupPart part : groups) {
      if (part.detail()) {
        overdue += (int) part.steps().stream().filter(Step::overdue).count();
      }
    }
    if (overdue > 0) {
      attention.add(overdue == 1 ? "1 step overdue" : overdue + " steps overdue");
    }
    campaign.needsAttention().stream().filter(n -> !n.contains("overdue")).forEach(attention::add);

    return new CampaignView(
        campaign.id(),
        campaign.businessKey(),
        campaign.candidateName(),
        campaign.office(),
        campaign.race(),
        campaign.state(),
        campaign.leadGroup(),
        campaign.leadGroupName(),
        campaign.partnerGroups(),
        campaign.partnerView(),
        campaign.track(),
        campaign.phase(),
        campaign.phaseWords(),
        campaign.nextElection(),
        campaign.nextElectionDate(),
        campaign.daysToElection(),
        campaign.gotvStartDate(),
        campaign.daysToGotv(),
        campaign.primaryDate(),
        campaign.generalElectionDate(),
        campaign.kickoffPartyDate(),
        leadDetail ? campaign.nextSteps() : List.of(),
        leadDetail ? campaign.overdueSteps() : 0,
        leadDetail ? campaign.compliance() : withoutConditions(campaign.compliance()),
        total,
        campaign.nationalPackageDone(),
        campaign.nationalPackageSteps(),
        List.copyOf(attention),
        new JointCampaign(List.copyOf(groups), takingPart));
  }

  private static boolean mayDetail(Viewer viewer, String group) {
    return viewer.national() || viewer.tenantIds().contains(group);
  }

  private static Compliance withoutConditions(Compliance compliance) {
    return new Compliance(compliance.status(), compliance.label(), null);
  }

  /** One partner group's instance, what it called, its variables, open tasks and activities. */
  private record Partner(
      HistoricProcessInstance instance,
      Map<String, Object> variables,
      List<Task> tasks,
      List<HistoricActivityInstance> activities,
      boolean inReview) {}

  /** Every partner instance the campaign called (running or ended), by partner group. */
  private Map<String, Partner> partners(String campaignId) {
    List<HistoricProcessInstance> underCampaign =
        historyService
            .createHistoricProcessInstanceQuery()
            .rootProcessInstanceId(campaignId)
            .list();
    Map<String, HistoricProcessInstance> byId = new HashMap<>();
    underCampaign.forEach(i -> byId.put(i.getId(), i));
    Map<String, HistoricProcessInstance> partnerInstances = new HashMap<>();
    for (HistoricProcessInstance instance : underCampaign) {
      if (PARTNER_PROCESS.equals(instance.getProcessDefinitionKey())
          && campaignId.equals(instance.getSuperProcessInstanceId())) {
        partnerInstances.put(instance.getId(), instance);
      }
    }
    if (partnerInstances.isEmpty()) {
      return Map.of();
    }
    // what each partner instance called (its reviews) belongs to it
    Map<String, String> toPartner = new HashMap<>();
    Set<String> inReview = new java.util.HashSet<>();
    for (HistoricProcessInstance instance : underCampaign) {
      String partner = partnerOf(instance, byId, partnerInstances.keySet());
      if (partner == null) {
        continue;
      }
      toPartner.put(instance.getId(), partner);
      String key = instance.getProcessDefinitionKey();
      if (instance.getEndTime() == null
          && ("compliance-review".equals(key) || "spending-question".equals(key))) {
        inReview.add(partner);
      }
    }
    Map<String, Map<String, Object>> variables = new HashMap<>();
    for (HistoricVariableInstance variable :
        historyService
            .createHistoricVariableInstanceQuery()
            .processInstanceIdIn(partnerInstances.keySet().toArray(String[]::new))
            .variableNameIn(VARIABLES.toArray(String[]::new))
            .list()) {
      Map<String, Object> values =
          variables.computeIfAbsent(variable.getProcessInstanceId(), k -> new HashMap<>());
      // the instance's own value wins over a local one of the same name
      if (variable.getProcessInstanceId().equals(variable.getExecutionId())
          || !values.containsKey(variable.getName())) {
        values.put(variable.getName(), variable.getValue());
      }
    }
    Map<String, List<Task>> tasks = new HashMap<>();
    String[] running =
        toPartner.keySet().stream()
            .filter(id -> byId.get(id).getEndTime() == null)
            .toArray(String[]::new);
    if (running.length > 0) {
      for (Task task : taskService.createTaskQuery().processInstanceIdIn(running).list()) {
        tasks
            .computeIfAbsent(toPartner.get(task.getProcessInstanceId()), k -> new ArrayList<>())
            .add(task);
      }
    }
    Map<String, Partner> byGroup = new LinkedHashMap<>();
    partnerInstances.values().stream()
        .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime))
        // the latest instance per partner group counts (a group removed and added again)
        .forEach(
            instance -> {
              Map<String, Object> vars = variables.getOrDefault(instance.getId(), Map.of());
              String group = group(instance, vars);
              List<HistoricActivityInstance> activities =
                  instance.getEndTime() != null
                      ? List.of()
                      : historyService
                          .createHistoricActivityInstanceQuery()
                          .processInstanceId(instance.getId())
                          .unfinished()
                          .list();
              byGroup.put(
                  group,
                  new Partner(
                      instance,
                      vars,
                      tasks.getOrDefault(instance.getId(), List.of()),
                      activities,
                      inReview.contains(instance.getId())));
            });
    return byGroup;
  }

  private static String partnerOf(
      HistoricProcessInstance instance,
      Map<String, HistoricProcessInstance> byId,
      Set<String> partners) {
    HistoricProcessInstance at = instance;
    while (at != null) {
      if (partners.contains(at.getId())) {
        return at.getId();
      }
      at = at.getSuperProcessInstanceId() == null ? null : byId.get(at.getSuperProcessInstanceId());
    }
    return null;
  }

  /** The partner group: its {@code group} variable, else its tenant (where it runs). */
  private static String group(HistoricProcessInstance instance, Map<String, Object> vars) {
    Object group = vars.get("group");
    return group != null ? group.toString() : instance.getTenantId();
  }

  private List<Step> steps(Partner partner, Instant now) {
    return openSteps.apply(partner.tasks()).stream()
        .sorted(
            Comparator.comparing(OpenStep::due, Comparator.nullsLast(Comparator.naturalOrder())))
        .map(step -> views.step(step, false, now))
        .toList();
  }

  private static String[] waiting() {
    return new String[] {"CONFIRMING", "Asked to confirm that the group takes part"};
  }

  /** Where a partner group stands: code and words. */
  private static String[] phase(Partner partner) {
    HistoricProcessInstance instance = partner.instance();
    // the confirmation form answers YES or NO
    Object takingPart = partner.variables().get("takingPart");
    boolean answeredNo = "NO".equals(takingPart);
    boolean neverAnswered = takingPart == null && instance.getEndTime() != null;
    boolean tellingTheLead =
        partner.activities().stream().anyMatch(a -> TELL_LEAD.equals(a.getActivityId()));
    if (answeredNo || neverAnswered || tellingTheLead) {
      // declined, or the deadline passed without an answer
      return new String[] {"NOT_TAKING_PART", "Not taking part"};
    }
    if ("C3_CONFIRMED".equals(partner.variables().get("complianceOutcome"))) {
      Phase individuals = Phase.INDIVIDUAL_VOLUNTEERING;
      return new String[] {individuals.name(), individuals.words()};
    }
    if (instance.getEndTime() != null) {
      return HistoricProcessInstance.STATE_COMPLETED.equals(instance.getState())
          ? new String[] {"DONE", "Done: its part is wrapped up"}
          : new String[] {"LEFT", "Left the campaign"};
    }
    Phase phase = null;
    for (HistoricActivityInstance activity : partner.activities()) {
      if (CONFIRM_TASK.equals(activity.getActivityId())) {
        return waiting();
      }
      Optional<Phase> found =
          Optional.ofNullable(PARTNER_ELEMENTS.get(activity.getActivityId()))
              .or(() -> Phase.ofActivity(activity.getActivityId()));
      if (found.isPresent() && (phase == null || found.get().ordinal() > phase.ordinal())) {
        phase = found.get();
      }
    }
    return phase == null
        ? new String[] {"STARTING", "Starting"}
        : new String[] {phase.name(), phase.words()};
  }

  /** A lead group's reports as a partner may export them: without who reported them. */
  static List<JsonNode> withoutReporters(Object reports) {
    List<JsonNode> list = new ArrayList<>();
    for (JsonNode report : CampaignViews.reports(reports)) {
      ObjectNode copy = report.deepCopy();
      copy.remove("reportedBy");
      list.add(copy);
    }
    return list;
  }

  /** Week n of the result is the sum of every group's week n; reported on the latest of them. */
  static String sumByWeek(List<List<JsonNode>> reports) {
    List<ObjectNode> weeks = new ArrayList<>();
    for (List<JsonNode> group : reports) {
      for (int i = 0; i < group.size(); i++) {
        JsonNode report = group.get(i);
        if (weeks.size() <= i) {
          ObjectNode week = JSON.createObjectNode();
          week.put("week", i + 1);
          weeks.add(week);
        }
        ObjectNode week = weeks.get(i);
        for (CampaignViews.Measure measure : CampaignViews.MEASURES) {
          String field = measure.reportField();
          week.put(field, week.path(field).asLong() + report.path(field).asLong());
        }
        String on = report.path("reportedOn").asText(null);
        if (on != null
            && (!week.has("reportedOn") || week.get("reportedOn").asText().compareTo(on) < 0)) {
          week.put("reportedOn", on);
        }
      }
    }
    ArrayNode list = JSON.createArrayNode();
    weeks.forEach(list::add);
    return list.toString();
  }
}
