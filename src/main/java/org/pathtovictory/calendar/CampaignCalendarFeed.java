package org.pathtovictory.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.pathtovictory.board.CampaignBoard;
import org.pathtovictory.board.CampaignView;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.identity.Viewer;
import org.springframework.stereotype.Component;

/**
 * Writes a feed as iCalendar with ical4j: open tasks at their due time (in the campaign's time
 * zone, with its VTIMEZONE), and each campaign's key dates as all-day events: primary, general
 * election, get-out-the-vote start, kick-off party.
 */
@Component
public class CampaignCalendarFeed {

  static final Duration TASK_LENGTH = Duration.ofMinutes(30);

  private final CampaignBoard board;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final ZoneId zone;
  private final String baseUrl;

  CampaignCalendarFeed(
      CampaignBoard board,
      TaskService taskService,
      RuntimeService runtimeService,
      IdentityService identityService,
      PathToVictoryProperties properties) {
    this.board = board;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.zone = properties.timeZone();
    String base = properties.publicBaseUrl().toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** A volunteer's own feed: tasks assigned to them or waiting for their roles, their campaigns. */
  String personal(Viewer viewer) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      Map<String, Task> tasks = new LinkedHashMap<>();
      if (!viewer.tenantIds().isEmpty()) {
        String[] tenants = viewer.tenantIds().toArray(String[]::new);
        taskService
            .createTaskQuery()
            .taskAssignee(viewer.userId())
            .tenantIdIn(tenants)
            .list()
            .forEach(t -> tasks.put(t.getId(), t));
        if (!viewer.groupIds().isEmpty()) {
          taskService
              .createTaskQuery()
              .taskCandidateGroupIn(viewer.groupIds())
              .tenantIdIn(tenants)
              .list()
              .forEach(t -> tasks.putIfAbsent(t.getId(), t));
        }
      }
      return write(
          "Path to Victory: " + viewer.displayName(), tasks.values(), board.campaigns(viewer));
    } finally {
      restore(caller);
    }
  }

  /**
   * One task as a calendar of one event at its due time ("Add to my calendar" on the task page);
   * the caller has checked that the viewer may see the task.
   */
  public String oneTask(Task task) {
    return write(task.getName(), List.of(task), List.of());
  }

  /** A local group's feed: every open task of the group's campaigns and their key dates. */
  String group(Viewer member, String group, String groupName) {
    Viewer ofGroup =
        new Viewer(
            member.userId(), member.displayName(), member.email(), List.of(), List.of(group));
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      List<Task> tasks = taskService.createTaskQuery().tenantIdIn(group).list();
      return write("Path to Victory: " + groupName, tasks, board.campaigns(ofGroup));
    } finally {
      restore(caller);
    }
  }

  private void restore(Authentication caller) {
    if (caller != null) {
      identityService.setAuthentication(caller);
    }
  }

  private String write(String name, Collection<Task> tasks, List<CampaignView> campaigns) {
    Calendar calendar =
        new Calendar()
            .withProdId("-//Path to Victory//Campaign calendar//EN")
            .withDefaults()
            .withProperty(new XProperty("X-WR-CALNAME", name))
            .withProperty(new XProperty("X-WR-TIMEZONE", zone.getId()))
            .withComponent(
                TimeZoneRegistryFactory.getInstance()
                    .createRegistry()
                    .getTimeZone(zone.getId())
                    .getVTimeZone())
            .getFluentTarget();
    Map<String, Map<String, Object>> facts = campaignFacts(tasks);
    for (Task task : tasks) {
      if (task.getDueDate() == null) {
        continue;
      }
      Map<String, Object> about = facts.getOrDefault(task.getProcessInstanceId(), Map.of());
      String summary = task.getName() + forWhom(about.get("candidateName"), about.get("race"));
      VEvent event =
          new VEvent(task.getDueDate().toInstant().atZone(zone), TASK_LENGTH, "Due: " + summary);
      // the phone-first task page (org.pathtovictory.tasks), as in every task mail
      String link = baseUrl + "/tasks/" + task.getId();
      event.add(new Uid("task-" + task.getId() + "@pathtovictory"));
      event.add(new Description("Open the task: " + link));
      event.add(url(link));
      calendar.add(event);
    }
    for (CampaignView campaign : campaigns) {
      String who = forWhom(campaign.candidateName(), campaign.race());
      allDay(calendar, campaign, "primary", "Primary election" + who, campaign.primaryDate());
      allDay(
          calendar, campaign, "general", "General election" + who, campaign.generalElectionDate());
      allDay(calendar, campaign, "gotv", "Get-out-the-vote starts" + who, campaign.gotvStartDate());
      allDay(calendar, campaign, "kickoff", "Kick-off party" + who, campaign.kickoffPartyDate());
    }
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(false).output(calendar, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private void allDay(
      Calendar calendar, CampaignView campaign, String kind, String summary, LocalDate day) {
    if (day == null) {
      return;
    }
    VEvent event = new VEvent(day, summary);
    event.add(new Uid(kind + "-" + campaign.id() + "@pathtovictory"));
    event.add(new Description(summary + ". Campaign board: " + baseUrl + "/board"));
    calendar.add(event);
  }

  private static Url url(String link) {
    try {
      return new Url(java.net.URI.create(link));
    } catch (RuntimeException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String forWhom(Object candidate, Object race) {
    if (candidate == null) {
      return "";
    }
    return " (" + candidate + (race == null ? "" : ", " + race) + ")";
  }

  /** Candidate and race of each task's instance (called reviews carry them too). */
  private Map<String, Map<String, Object>> campaignFacts(Collection<Task> tasks) {
    List<String> ids =
        tasks.stream().map(Task::getProcessInstanceId).filter(id -> id != null).distinct().toList();
    Map<String, Map<String, Object>> facts = new HashMap<>();
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> chunk = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + 500)));
      for (VariableInstance v :
          runtimeService
              .createVariableInstanceQuery()
              .processInstanceIdIn(chunk.toArray(String[]::new))
              .variableNameIn("candidateName", "race")
              .list()) {
        facts
            .computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>())
            .putIfAbsent(v.getName(), v.getValue());
      }
    }
    return facts;
  }
}
