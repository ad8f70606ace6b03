package org.pathtovictory.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.pathtovictory.board.CampaignFacts.OpenStep;
import org.pathtovictory.identity.CampaignRole;
import org.pathtovictory.identity.LocalGroups;
import org.springframework.stereotype.Component;

/**
 * Reads from the engine what the board keeps of campaigns ({@link CampaignFacts}): for the few
 * campaigns one transaction changed, a handful of queries each; for many at once (a read model to
 * build on an existing database), each kind of record fetched once for a chunk of them. The
 * engine's authorization check is left out on purpose: the board decides who sees which campaign.
 */
@Component
class CampaignReader {

  static final String PROCESS = "post-endorsement";

  private static final int CHUNK = 500;

  private static final List<String> VARIABLES =
      List.of(
          "candidateName",
          "office",
          "race",
          "leadGroup",
          "partnerGroups",
          "jointCampaign",
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
  private final Map<String, Map<String, String>> rolesByDefinition = new ConcurrentHashMap<>();

  CampaignReader(
      RuntimeService runtimeService,
      TaskService taskService,
      HistoryService historyService,
      IdentityService identityService,
      RepositoryService repositoryService) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.repositoryService = repositoryService;
  }

  /** The ids of every running campaign. */
  Set<String> running() {
    return unauthenticated(
        () ->
            runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS)
                .active()
                .list()
                .stream()
                .filter(CampaignReader::isCampaign)
                .map(ProcessInstance::getId)
                .collect(Collectors.toSet()));
  }

  /**
   * The campaigns these (root) process instances belong to: a campaign itself, or the campaign
   * whose business key a separately started instance carries (a spending question).
   */
  Set<String> campaignsOf(Collection<String> rootInstanceIds) {
    if (rootInstanceIds.isEmpty()) {
      return Set.of();
    }
    return unauthenticated(
        () -> {
          Set<String> campaigns = new HashSet<>();
          Set<String> keys = new HashSet<>();
          for (List<String> chunk : chunks(List.copyOf(rootInstanceIds))) {
            for (HistoricProcessInstance instance :
                historyService
                    .createHistoricProcessInstanceQuery()
                    .processInstanceIds(new HashSet<>(chunk))
                    .list()) {
              if (PROCESS.equals(instance.getProcessDefinitionKey())
                  && instance.getSuperProcessInstanceId() == null) {
                campaigns.add(instance.getId());
              } else if (instance.getBusinessKey() != null) {
                keys.add(instance.getBusinessKey());
              }
            }
          }
          for (String key : keys) {
            runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(key)
                .list()
                .stream()
                .filter(CampaignReader::isCampaign)
                .forEach(c -> campaigns.add(c.getId()));
          }
          return campaigns;
        });
  }

  /**
   * What the board keeps of each of these campaigns that still runs (one that ended, was deleted or
   * is suspended is left out): a handful of queries per campaign, as after a change.
   */
  Map<String, CampaignFacts> read(Collection<String> campaignIds) {
    return unauthenticated(
        () -> {
          Map<String, CampaignFacts> facts = new LinkedHashMap<>();
          for (String id : campaignIds) {
            readOne(id).ifPresent(f -> facts.put(id, f));
          }
          return facts;
        });
  }

  /**
   * As {@link #read}, for many campaigns at once (a read model to build): the running instances and
   * the unfinished activities are scanned once, the rest is fetched once per chunk of campaigns.
   */
  Map<String, CampaignFacts> readMany(Collection<String> campaignIds) {
    return unauthenticated(
        () -> {
          Map<String, ProcessInstance> campaigns = new LinkedHashMap<>();
          for (List<String> chunk : chunks(List.copyOf(campaignIds))) {
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceIds(new HashSet<>(chunk))
                .active()
                .list()
                .stream()
                .filter(CampaignReader::isCampaign)
                .forEach(c -> campaigns.put(c.getId(), c));
          }
          Map<String, String> keyToCampaign = new HashMap<>();
          campaigns.values().forEach(c -> keyToCampaign.put(c.getBusinessKey(), c.getId()));
          Map<String, List<ProcessInstance>> related = new HashMap<>();
          for (ProcessInstance instance :
              runtimeService.createProcessInstanceQuery().active().list()) {
            String campaign =
                campaigns.containsKey(instance.getRootProcessInstanceId())
                    ? instance.getRootProcessInstanceId()
                    : asked(instance) ? keyToCampaign.get(instance.getBusinessKey()) : null;
            if (campaign != null && sameGroup(instance, campaigns.get(campaign))) {
              related.computeIfAbsent(campaign, k -> new ArrayList<>()).add(instance);
            }
          }
          Map<String, List<HistoricActivityInstance>> activities = new HashMap<>();
          // no activity query takes a list of instances: the unfinished ones page by page
          var unfinished = historyService.createHistoricActivityInstanceQuery().unfinished();
          for (int first = 0; ; first += CHUNK * 20) {
            List<HistoricActivityInstance> page = unfinished.listPage(first, CHUNK * 20);
            for (HistoricActivityInstance activity : page) {
              if (campaigns.containsKey(activity.getProcessInstanceId())) {
                activities
                    .computeIfAbsent(activity.getProcessInstanceId(), k -> new ArrayList<>())
                    .add(activity);
              }
            }
            if (page.size() < CHUNK * 20) {
              break;
            }
          }
          Map<String, CampaignFacts> facts = new LinkedHashMap<>();
          for (List<String> chunk : chunks(List.copyOf(campaigns.keySet()))) {
            Map<String, String> instanceToCampaign = new HashMap<>();
            for (String id : chunk) {
              related
                  .getOrDefault(id, List.of())
                  .forEach(i -> instanceToCampaign.put(i.getId(), id));
            }
            Map<String, List<Task>> tasks = new HashMap<>();
            for (List<String> instances : chunks(List.copyOf(instanceToCampaign.keySet()))) {
              for (Task task :
                  taskService
                      .createTaskQuery()
                      .processInstanceIdIn(instances.toArray(String[]::new))
                      .list()) {
                tasks
                    .computeIfAbsent(
                        instanceToCampaign.get(task.getProcessInstanceId()), k -> new ArrayList<>())
                    .add(task);
              }
            }
            Map<String, Map<String, Object>> variables = variables(chunk);
            Map<String, String> people =
                namesOf(tasks.values().stream().flatMap(List::stream).toList());
            for (String id : chunk) {
              facts.put(
                  id,
                  facts(
                      campaigns.get(id),
                      variables.getOrDefault(id, Map.of()),
                      tasks.getOrDefault(id, List.of()),
                      activities.getOrDefault(id, List.of()),
                      related.getOrDefault(id, List.of()),
                      people));
            }
          }
          return facts;
        });
  }

  private java.util.Optional<CampaignFacts> readOne(String id) {
    ProcessInstance campaign =
        runtimeService.createProcessInstanceQuery().processInstanceId(id).active().singleResult();
    if (campaign == null || !isCampaign(campaign)) {
      return java.util.Optional.empty();
    }
    Map<String, ProcessInstance> related = new LinkedHashMap<>();
    runtimeService.createProcessInstanceQuery().rootProcessInstanceId(id).active().list().stream()
        .filter(i -> sameGroup(i, campaign))
        .forEach(i -> related.put(i.getId(), i));
    if (campaign.getBusinessKey() != null) {
      runtimeService
          .createProcessInstanceQuery()
          .processInstanceBusinessKey(campaign.getBusinessKey())
          .active()
          .list()
          .stream()
          .filter(i -> asked(i) && sameGroup(i, campaign))
          .forEach(i -> related.putIfAbsent(i.getId(), i));
    }
    List<Task> tasks =
        taskService
            .createTaskQuery()
            .processInstanceIdIn(related.keySet().toArray(String[]::new))
            .list();
    List<HistoricActivityInstance> activities =
        historyService
            .createHistoricActivityInstanceQuery()
            .unfinished()
            .processInstanceId(id)
            .list();
    return java.util.Optional.of(
        facts(
            campaign,
            variables(List.of(id)).getOrDefault(id, Map.of()),
            tasks,
            activities,
            related.values(),
            namesOf(tasks)));
  }

  /** The board's steps of these tasks: the role each waits for, the name of whoever holds it. */
  List<OpenStep> openSteps(List<Task> tasks) {
    Map<String, String> people = namesOf(tasks);
    return tasks.stream().map(task -> openStep(task, people)).toList();
  }

  private OpenStep openStep(Task task, Map<String, String> people) {
    return new OpenStep(
        task.getId(),
        task.getName(),
        task.getTaskDefinitionKey(),
        task.getTenantId(),
        task.getAssignee(),
        task.getAssignee() == null ? null : people.get(task.getAssignee()),
        roleOf(task),
        task.getDueDate() == null ? null : task.getDueDate().toInstant());
  }

  private CampaignFacts facts(
      ProcessInstance campaign,
      Map<String, Object> variables,
      List<Task> tasks,
      List<HistoricActivityInstance> activities,
      Collection<ProcessInstance> related,
      Map<String, String> people) {
    List<OpenStep> steps = tasks.stream().map(task -> openStep(task, people)).toList();
    Instant voterContactSince = null;
    List<String> activityIds = new ArrayList<>();
    for (HistoricActivityInstance activity : activities) {
      activityIds.add(activity.getActivityId());
      if ("SubProcess_VoterContact".equals(activity.getActivityId())) {
        voterContactSince = activity.getStartTime().toInstant();
      }
    }
    boolean inReview =
        related.stream()
            .map(ProcessInstance::getProcessDefinitionId)
            .anyMatch(
                d -> d.startsWith("compliance-review:") || d.startsWith("spending-question:"));
    return new CampaignFacts(
        campaign.getId(),
        campaign.getBusinessKey(),
        campaign.getTenantId(),
        variables,
        steps,
        activityIds,
        voterContactSince,
        inReview);
  }

  /**
   * What a campaign called or asked in its own local group; a partner group's part of a joint
   * campaign runs in the partner's tenant and is shown (and cut) by {@link JointCampaignParts}.
   */
  private static boolean sameGroup(ProcessInstance instance, ProcessInstance campaign) {
    return java.util.Objects.equals(instance.getTenantId(), campaign.getTenantId());
  }

  static boolean isCampaign(ProcessInstance instance) {
    return instance.getProcessDefinitionId().startsWith(PROCESS + ":")
        && instance.getId().equals(instance.getRootProcessInstanceId());
  }

  /** Started on its own with a campaign's business key (a spending question), not a campaign. */
  private static boolean asked(ProcessInstance instance) {
    return instance.getId().equals(instance.getRootProcessInstanceId()) && !isCampaign(instance);
  }

  private Map<String, Map<String, Object>> variables(Collection<String> instanceIds) {
    Map<String, Map<String, Object>> byInstance = new HashMap<>();
    // chunks keep the IN list within what every database accepts
    for (List<String> chunk : chunks(List.copyOf(instanceIds))) {
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
          values.put(variable.getName(), storable(variable.getValue()));
        }
      }
    }
    return byInstance;
  }

  /** A value as the read model's JSON keeps it: dates as instants, JSON values as their text. */
  private static Object storable(Object value) {
    if (value == null || value instanceof String || value instanceof Number) {
      return value;
    }
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    return value.toString();
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

  private Map<String, String> namesOf(Collection<Task> tasks) {
    Set<String> assignees =
        tasks.stream().map(Task::getAssignee).filter(a -> a != null).collect(Collectors.toSet());
    Map<String, String> names = new HashMap<>();
    if (!assignees.isEmpty()) {
      for (User user :
          identityService.createUserQuery().userIdIn(assignees.toArray(String[]::new)).list()) {
        names.put(user.getId(), LocalGroups.displayName(user));
      }
    }
    return names;
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
    }
    return chunks;
  }

  private <T> T unauthenticated(Supplier<T> read) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
