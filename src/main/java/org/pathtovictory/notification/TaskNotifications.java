package org.pathtovictory.notification;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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

  private final Recipients recipients;
  private final MailComposer composer;
  private final MailOutbox outbox;
  private final NotificationPreferences preferences;
  private final MailDispatcher dispatcher;
  private final MailBounces bounces;
  private final OpenTaskFacts dueTasks;
  private final IdentityService identityService;
  private final ZoneId zone;

  TaskNotifications(
      Recipients recipients,
      MailComposer composer,
      MailOutbox outbox,
      NotificationPreferences preferences,
      MailDispatcher dispatcher,
      MailBounces bounces,
      OpenTaskFacts dueTasks,
      IdentityService identityService,
      PathToVictoryProperties properties) {
    this.recipients = recipients;
    this.composer = composer;
    this.outbox = outbox;
    this.preferences = preferences;
    this.dispatcher = dispatcher;
    this.bounces = bounces;
    this.dueTasks = dueTasks;
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
    return recordForDueTasks(
        startOf(tomorrow), startOf(tomorrow.plusDays(1)), Kind.REMINDER, "reminder:", false);
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
    Date now = ClockUtil.getCurrentTime();
    return recordForDueTasks(
        new Date(now.getTime() - lookback.toMillis()), now, Kind.OVERDUE, "overdue:", true);
  }

  /**
   * Records one {@code kind} mail per task due in the window and person it concerns (who it waits
   * for, or who hears it is overdue) who gets each mail, unless recorded before. Set-based: per
   * page of tasks a few reads, each person, group and preference read once per scan.
   */
  private int recordForDueTasks(
      Date dueFrom, Date dueBefore, Kind kind, String keyPrefix, boolean escalation) {
    Recipients people = recipients.remembering();
    Map<String, NotificationMode> modes = new HashMap<>();
    int[] recorded = {0};
    dueTasks.dueBetween(
        dueFrom,
        dueBefore,
        page -> {
          Map<String, Map.Entry<User, TaskFacts>> wanted = new LinkedHashMap<>();
          for (var concerned : concerned(page, people, modes, escalation)) {
            TaskFacts task = concerned.getKey();
            for (User user : concerned.getValue()) {
              if (modes.get(user.getId()) == NotificationMode.EACH) {
                String key =
                    keyPrefix + task.id() + ":" + task.dueDate().getTime() + ":" + user.getId();
                wanted.put(key, Map.entry(user, task));
              }
            }
          }
          Set<String> done = outbox.existing(wanted.keySet());
          wanted.forEach(
              (key, mail) -> {
                if (!done.contains(key)) {
                  recordNew(key, kind, mail.getKey(), mail.getValue());
                  recorded[0]++;
                }
              });
        });
    if (recorded[0] > 0) {
      dispatcher.wakeUp();
    }
    return recorded[0];
  }

  /** One mail a day, for each user who chose the digest, listing every task waiting for them. */
  int sendDigests() {
    LocalDate today = today();
    Date now = ClockUtil.getCurrentTime();
    Date tomorrowEnd = startOf(today.plusDays(2));
    Map<String, User> users = new LinkedHashMap<>();
    Map<String, List<TaskView>> waiting = new LinkedHashMap<>();
    Recipients people = recipients.remembering();
    Map<String, NotificationMode> modes = new HashMap<>();
    dueTasks.all(
        page -> {
          for (var concerned : concerned(page, people, modes, false)) {
            TaskFacts task = concerned.getKey();
            for (User user : concerned.getValue()) {
              if (modes.get(user.getId()) != NotificationMode.DIGEST) {
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
        });
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

  /**
   * Whom each task of a page concerns (who it waits for, or who hears it is overdue), with the
   * people and every preference not yet known read in one query each.
   */
  private List<Map.Entry<TaskFacts, List<User>>> concerned(
      List<TaskFacts> page,
      Recipients people,
      Map<String, NotificationMode> modes,
      boolean escalation) {
    people.readPeopleOf(page);
    List<Map.Entry<TaskFacts, List<User>>> concerned = new ArrayList<>();
    Set<String> unknown = new HashSet<>();
    for (TaskFacts task : page) {
      List<User> users = escalation ? people.escalationFor(task) : people.waitingFor(task);
      concerned.add(Map.entry(task, users));
      users.stream().map(User::getId).filter(id -> !modes.containsKey(id)).forEach(unknown::add);
    }
    modes.putAll(dueTasks.modesOf(unknown));
    return concerned;
  }

  private String bouncing(User user) {
    return "the address refuses mail (bounced): " + bounces.reasonOf(user.getId());
  }

  LocalDate today() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
  }

  private Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(zone).toInstant());
  }
}
