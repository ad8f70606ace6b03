package org.pathtovictory.tasks;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.task.Task;
import org.pathtovictory.calendar.CampaignCalendarFeed;
import org.pathtovictory.identity.Viewer;
import org.pathtovictory.identity.Viewers;
import org.pathtovictory.web.ApiErrors;
import org.pathtovictory.web.Pages;
import org.pathtovictory.web.SessionCsrf;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /tasks} and {@code /tasks/{taskId}}: the phone pages. A signed-out visitor goes to {@code
 * /sign-in} and comes back here. Taking a task is a plain form (one tap, works without JavaScript);
 * the task page's form is drawn and submitted by {@code frontend/src/tasks/} through Camunda's
 * webapp API.
 */
@RestController
class TasksController {

  private static final String TASK_ID = "[A-Za-z0-9-]{1,64}";

  private final Viewers viewers;
  private final Pages pages;
  private final TaskInbox inbox;
  private final CampaignCalendarFeed calendar;
  private final ProcessEngine engine;

  TasksController(
      Viewers viewers,
      Pages pages,
      TaskInbox inbox,
      CampaignCalendarFeed calendar,
      ProcessEngine engine) {
    this.viewers = viewers;
    this.pages = pages;
    this.inbox = inbox;
    this.calendar = calendar;
    this.engine = engine;
  }

  @GetMapping(value = "/tasks", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> list(
      HttpServletRequest request,
      @RequestParam(required = false) String campaign,
      @RequestParam(required = false) String done) {
    Optional<Viewer> viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request);
    }
    List<TaskCard> mine = inbox.mine(viewer.get());
    List<TaskCard> open = inbox.forMyRoles(viewer.get());
    List<String> campaigns =
        java.util.stream.Stream.concat(mine.stream(), open.stream())
            .map(TaskCard::campaign)
            .filter(c -> !c.isEmpty())
            .distinct()
            .sorted()
            .toList();
    String chosen = campaign != null && campaigns.contains(campaign) ? campaign : null;
    Map<String, Object> model = page(request, viewer.get());
    model.put("mine", only(mine, chosen));
    model.put("open", only(open, chosen));
    model.put("campaigns", campaigns);
    model.put("campaign", chosen);
    model.put("done", done != null);
    return pages.render("tasks", model);
  }

  @GetMapping(value = "/tasks/{taskId}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> task(HttpServletRequest request, @PathVariable String taskId) {
    Optional<Viewer> viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request);
    }
    if (!taskId.matches(TASK_ID)) {
      return notYours();
    }
    Optional<Task> task = inbox.visible(viewer.get(), taskId);
    if (task.isEmpty()) {
      Optional<String> closed = ApiErrors.taskClosedSentence(taskId, engine);
      if (closed.isPresent() && wasVisible(viewer.get(), taskId)) {
        Map<String, Object> model = page(request, viewer.get());
        model.put("sentence", closed.get());
        return pages.render("task-closed", model);
      }
      return notYours();
    }
    Task t = task.get();
    Map<String, Object> model = page(request, viewer.get());
    model.put("task", inbox.card(viewer.get(), t));
    model.put("guidance", t.getDescription());
    model.put("assignedToMe", viewer.get().userId().equals(t.getAssignee()));
    model.put("assignee", t.getAssignee() == null ? null : inbox.assigneeName(t.getAssignee()));
    model.put("hasForm", t.getFormKey() != null || t.getCamundaFormRef() != null);
    return pages.render("task", model);
  }

  /** One tap: the task is the viewer's, then its page. */
  @PostMapping(value = "/tasks/{taskId}/take", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> take(
      HttpServletRequest request,
      @PathVariable String taskId,
      @RequestParam(name = "_csrf", required = false) String csrf) {
    Optional<Viewer> viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request);
    }
    if (!SessionCsrf.valid(request, csrf)) {
      return pages.message(
          HttpStatus.FORBIDDEN,
          "Please try once more",
          "This page was open too long, so the task was not taken. Go back, reload and tap"
              + " \"Take this task\" again.");
    }
    if (!taskId.matches(TASK_ID) || inbox.visible(viewer.get(), taskId).isEmpty()) {
      Optional<String> closed =
          taskId.matches(TASK_ID) ? ApiErrors.taskClosedSentence(taskId, engine) : Optional.empty();
      return closed.isPresent()
          ? pages.message(HttpStatus.CONFLICT, "This task is done", closed.get())
          : notYours();
    }
    try {
      inbox.take(viewer.get(), taskId);
    } catch (TaskAlreadyClaimedException taken) {
      return pages.message(
          HttpStatus.CONFLICT,
          "Someone was quicker",
          inbox.assigneeName(taken.getTaskAssignee())
              + " took this task a moment ago. Pick another one from your list.");
    }
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(URI.create("/tasks/" + taskId))
        .build();
  }

  /** "Add to my calendar": one event at the task's due time. */
  @GetMapping("/tasks/{taskId}/calendar.ics")
  ResponseEntity<String> ics(HttpServletRequest request, @PathVariable String taskId) {
    Optional<Viewer> viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request);
    }
    Optional<Task> task =
        taskId.matches(TASK_ID) ? inbox.visible(viewer.get(), taskId) : Optional.empty();
    if (task.isEmpty()) {
      return notYours();
    }
    if (task.get().getDueDate() == null) {
      return pages.message(
          HttpStatus.NOT_FOUND,
          "No date to add",
          "This task has no due date, so there is nothing to put in your calendar.");
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"task.ics\"")
        .body(calendar.oneTask(task.get()));
  }

  /**
   * Whether the viewer may hear what became of a closed task: it was theirs, or for one of their
   * roles, in one of their local groups. The webapp API asks the caller's history permissions,
   * which volunteers do not have, so without this they would only hear "not found".
   */
  private boolean wasVisible(Viewer viewer, String taskId) {
    var historyService = engine.getHistoryService();
    var history = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
    if (history == null) {
      return false;
    }
    String tenant = history.getTenantId();
    if (!(tenant == null ? viewer.national() : viewer.tenantIds().contains(tenant))) {
      return false;
    }
    return viewer.userId().equals(history.getAssignee())
        || historyService.createHistoricIdentityLinkLogQuery().taskId(taskId).list().stream()
            .anyMatch(
                link ->
                    viewer.userId().equals(link.getUserId())
                        || link.getGroupId() != null
                            && viewer.groupIds().contains(link.getGroupId()));
  }

  /**
   * What became of a task, as JSON for the task page's script: open, or closed with the sentence
   * that says who completed it.
   */
  @GetMapping(value = "/tasks/{taskId}/status", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> status(
      HttpServletRequest request, @PathVariable String taskId) {
    Optional<Viewer> viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .body(Map.of("open", false, "sentence", "You are signed out. Please sign in again."));
    }
    if (taskId.matches(TASK_ID) && inbox.visible(viewer.get(), taskId).isPresent()) {
      return ResponseEntity.ok(Map.of("open", true));
    }
    Optional<String> closed =
        taskId.matches(TASK_ID) && wasVisible(viewer.get(), taskId)
            ? ApiErrors.taskClosedSentence(taskId, engine)
            : Optional.empty();
    return ResponseEntity.status(closed.isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND)
        .body(
            Map.of(
                "open",
                false,
                "sentence",
                closed.orElse("This task is not in your list any more. Open your task list.")));
  }

  private ResponseEntity<String> notYours() {
    return pages.message(
        HttpStatus.NOT_FOUND,
        "This task is not in your list",
        "There is no open task with this address for you. It may belong to another local group or"
            + " role. Open your task list to see yours.");
  }

  private Map<String, Object> page(HttpServletRequest request, Viewer viewer) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("viewer", viewer);
    model.put("csrf", SessionCsrf.token(request.getSession()));
    return model;
  }

  private static List<TaskCard> only(List<TaskCard> cards, String campaign) {
    return campaign == null
        ? cards
        : cards.stream().filter(c -> campaign.equals(c.campaign())).toList();
  }

  private static ResponseEntity<String> signIn(HttpServletRequest request) {
    String back =
        request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    return ResponseEntity.status(HttpStatus.FOUND)
        .location(
            URI.create(
                "/sign-in?returnTo=" + java.net.URLEncoder.encode(back, StandardCharsets.UTF_8)))
        .build();
  }
}
