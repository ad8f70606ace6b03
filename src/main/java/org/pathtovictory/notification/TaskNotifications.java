package org.pathtovictory.notification;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.notification.MailComposer.Kind;
import org.pathtovictory.notification.MailComposer.TaskView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides which mails a task event or the deadline scan causes and records them in the outbox.
 * Every mail has a key (kind, task, due date, person) so the same news never reaches the same
 * person twice: a task created with an assignee fires both "create" and "assignment", a scan may
 * run on two nodes or twice a day.
 */
@Component
class TaskNotifications {

  private static final Logger LOG = LoggerFactory.getLogger(TaskNotifications.class);
  private static final int PAGE = 500;

  private final Recipients recipients;
  private final MailComposer composer;
  private final MailOutbox outbox;
  private final NotificationPreferences preferences;
  private final MailDispatcher dispatcher;
  private final MailBounces bounces;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final ZoneId zone;

  TaskNotifications(
      Recipients recipients,
      MailComposer composer,
      MailOutbox outbox,
      NotificationPreferences preferences,
      MailDispatcher dispatcher,
      MailBounces bounces,
      TaskService taskService,
      IdentityService identityService,
      PathToVictoryProperties properties) {
    this.recipients = recipients;
    this.composer = composer;
    this.outbox = outbox;
    this.preferences = preferences;
    this.dispatcher = dispatcher;
    this.bounces = bounces;
    this.taskService = taskService;
    this.identityService = identityService;
    this.zone = properties.timeZone();
  }

  /** Task listener "create": inside the engine transaction. */
  void taskCreated(DelegateTask task) {
    inEngineTransaction(() -> announce(TaskFacts.of(task)));
  }

  /**
   * Task listener "assignment": the new assignee hears of it, unless they took the task themselves
   * (claimed it in Tasklist) or were told already.
   */
  void taskAssigned(DelegateTask task) {
    String assignee = task.getAssignee();
    Authentication current = identityService.getCurrentAuthentication();
    if (assignee == null || (current != null && assignee.equals(current.getUserId()))) {
      return;
    }
    inEngineTransaction(() -> announce(TaskFacts.of(task)));
  }

  private void announce(TaskFacts task) {
    for (User user : recipients.waitingFor(task)) {
      if (preferences.modeOf(user.getId()) == NotificationMode.EACH) {
        record("task:" + task.id() + ":" + user.getId(), Kind.NEW, user, task);
      }
    }
  }

  /** Runs inside the current engine command: no authorization checks, wake the dispatcher later. */
  private void inEngineTransaction(Runnable work) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      work.run();
      dispatcher.wakeUp();
      return;
    }
    context.runWithoutAuthorization(
        () -> {
          work.run();
          return null;
        });
    context
        .getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, committed -> dispatcher.wakeUp());
  }

  private void record(String key, Kind kind, User user, TaskFacts task) {
    if (outbox.exists(key)) {
      return;
    }
    recordNew(key, kind, user, task);
  }

  private void recordNew(String key, Kind kind, User user, TaskFacts task) {
    if (user.getEmail() == null || user.getEmail().isBlank()) {
      LOG.warn(
          "User {} has no email address: not told of task {} ({})", user.getId(), task.id(), kind);
      outbox.skip(key, kind, task.id(), task.tenantId(), user.getId(), "no email address");
      return;
    }
    if (bounces.isBouncing(user)) {
      outbox.skip(key, kind, task.id(), task.tenantId(), user.getId(), bouncing(user));
      return;
    }
    outbox.enqueue(
        key,
        kind,
        task.id(),
        task.tenantId(),
        user.getId(),
        user.getEmail(),
        composer.taskMail(kind, user, task));
  }

  /** Reminds everyone a task waits for, the day before it is due (engine clock). */
  int remindDueTomorrow() {
    LocalDate tomorrow = today().plusDays(1);
    int recorded = 0;
    for (TaskFacts task : openTasks(startOf(tomorrow), startOf(tomorrow.plusDays(1)))) {
      for (User user : recipients.waitingFor(task)) {
        if (preferences.modeOf(user.getId()) == NotificationMode.EACH) {
          String key =
              "reminder:" + task.id() + ":" + task.dueDate().getTime() + ":" + user.getId();
          recorded += recordCounted(key, Kind.REMINDER, user, task);
        }
      }
    }
    return recorded;
  }

  /**
   * Tells the group lead(s) of the task's local group, and for national tasks the Indivisible
   * Organizers, that a task is overdue (engine clock). Once per task and due date.
   */
  int escalateOverdue() {
    return escalateOverdue(Duration.ofDays(7));
  }

  /** As {@link #escalateOverdue()}, for tasks that fell due within {@code lookback} before now. */
  int escalateOverdue(Duration lookback) {
    int recorded = 0;
    Date now = ClockUtil.getCurrentTime();
    for (TaskFacts task : openTasks(new Date(now.getTime() - lookback.toMillis()), now)) {
      for (User user : recipients.escalationFor(task)) {
        if (preferences.modeOf(user.getId()) == NotificationMode.EACH) {
          String key = "overdue:" + task.id() + ":" + task.dueDate().getTime() + ":" + user.getId();
          recorded += recordCounted(key, Kind.OVERDUE, user, task);
        }
      }
    }
    return recorded;
  }

  /** One mail a day, for each user who chose the digest, listing every task waiting for them. */
  int sendDigests() {
    LocalDate today = today();
    Date now = ClockUtil.getCurrentTime();
    Date tomorrowEnd = startOf(today.plusDays(2));
    Map<String, User> users = new LinkedHashMap<>();
    Map<String, List<TaskView>> waiting = new LinkedHashMap<>();
    for (TaskFacts task : openTasks(null, null)) {
      for (User user : recipients.waitingFor(task)) {
        if (preferences.modeOf(user.getId()) != NotificationMode.DIGEST) {
          continue;
        }
        String note = null;
        if (task.dueDate() != null && task.dueDate().before(now)) {
          note = "overdue";
        } else if (task.dueDate() != null && task.dueDate().before(tomorrowEnd)) {
          note = "due soon";
        }
        users.putIfAbsent(user.getId(), user);
        waiting
            .computeIfAbsent(user.getId(), id -> new ArrayList<>())
            .add(composer.view(task, note));
      }
    }
    int recorded = 0;
    for (Map.Entry<String, List<TaskView>> entry : waiting.entrySet()) {
      User user = users.get(entry.getKey());
      String key = "digest:" + user.getId() + ":" + today;
      if (outbox.exists(key)) {
        continue;
      }
      if (user.getEmail() == null || user.getEmail().isBlank()) {
        outbox.skip(key, Kind.DIGEST, null, null, user.getId(), "no email address");
        continue;
      }
      if (bounces.isBouncing(user)) {
        outbox.skip(key, Kind.DIGEST, null, null, user.getId(), bouncing(user));
        continue;
      }
      outbox.enqueue(
          key,
          Kind.DIGEST,
          null,
          null,
          user.getId(),
          user.getEmail(),
          composer.digestMail(user, today, entry.getValue()));
      recorded++;
    }
    if (recorded > 0) {
      dispatcher.wakeUp();
    }
    return recorded;
  }

  private String bouncing(User user) {
    return "the address refuses mail (bounced): " + bounces.reasonOf(user.getId());
  }

  private int recordCounted(String key, Kind kind, User user, TaskFacts task) {
    if (outbox.exists(key)) {
      return 0;
    }
    recordNew(key, kind, user, task);
    dispatcher.wakeUp();
    return 1;
  }

  /**
   * Open tasks, optionally due in [{@code dueFrom}, {@code dueBefore}), page by page. With a window
   * the query reads the index on {@code ACT_RU_TASK.DUE_DATE_} (Liquibase changeset {@code
   * ptv-cluster-1}), so its cost follows the tasks in the window, not all open tasks.
   */
  private List<TaskFacts> openTasks(Date dueFrom, Date dueBefore) {
    List<TaskFacts> facts = new ArrayList<>();
    for (int first = 0; ; first += PAGE) {
      var query = taskService.createTaskQuery().active().orderByTaskId().asc();
      if (dueFrom != null) {
        query.dueAfter(new Date(dueFrom.getTime() - 1));
      }
      if (dueBefore != null) {
        query.dueBefore(dueBefore);
      }
      List<Task> page = query.listPage(first, PAGE);
      for (Task task : page) {
        try {
          facts.add(
              TaskFacts.of(
                  task,
                  taskService.getIdentityLinksForTask(task.getId()),
                  task.getExecutionId() == null
                      ? Map.of()
                      : taskService.getVariables(task.getId(), TaskFacts.VARIABLES)));
        } catch (ProcessEngineException e) {
          // completed or deleted while the scan ran: nothing to remind anyone of
          LOG.debug("Task {} left while scanning: {}", task.getId(), e.getMessage());
        }
      }
      if (page.size() < PAGE) {
        return facts;
      }
    }
  }

  LocalDate today() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
  }

  private Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(zone).toInstant());
  }
}
