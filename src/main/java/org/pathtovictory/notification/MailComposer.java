package org.pathtovictory.notification;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.identity.LocalGroups;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes the mails from the Thymeleaf templates in {@code templates/mail/} (an HTML and a plain
 * text part each; HTML escaping on, so a value is always shown as text).
 */
@Component
class MailComposer {

  /** Why a mail about a task is sent. */
  enum Kind {
    NEW,
    REMINDER,
    OVERDUE,
    DIGEST,
    /** to a group lead: a volunteer's address refuses mail */
    BOUNCE,
    /** about a person's own account: an invitation, an answer to a join request */
    ACCOUNT
  }

  /**
   * One rendered mail for one person, with the headers that are fixed when it is written: where
   * replies go, and the one-click unsubscribe link (whose token is in the text as well).
   */
  record Mail(String subject, String text, String html, String replyTo, String listUnsubscribe) {}

  /** At most this many people in Reply-To: a reply should reach a person, not a crowd. */
  private static final int MAX_REPLY_TO = 5;

  /** One task as a mail shows it. */
  record TaskView(
      String id,
      String name,
      String candidateName,
      String office,
      String race,
      String groupName,
      String due,
      String link,
      String note) {}

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);

  private final ITemplateEngine templates;
  private final PathToVictoryProperties properties;
  private final IdentityService identityService;
  private final Recipients recipients;
  private final UnsubscribeLinks unsubscribeLinks;
  private final MailHeaders headers;

  MailComposer(
      ITemplateEngine mailTemplates,
      PathToVictoryProperties properties,
      IdentityService identityService,
      Recipients recipients,
      UnsubscribeLinks unsubscribeLinks,
      MailHeaders headers) {
    this.templates = mailTemplates;
    this.properties = properties;
    this.identityService = identityService;
    this.recipients = recipients;
    this.unsubscribeLinks = unsubscribeLinks;
    this.headers = headers;
  }

  /**
   * The link that opens the task on the phone-first task page (org.pathtovictory.tasks), which also
   * offers "Open in Tasklist"; a signed-out volunteer comes back to it after signing in.
   */
  String taskLink(String taskId) {
    String base = properties.publicBaseUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/tasks/" + taskId;
  }

  TaskView view(TaskFacts task, String note) {
    return new TaskView(
        task.id(),
        task.name(),
        task.candidateName(),
        task.office(),
        task.race(),
        groupName(task.tenantId()),
        day(task.dueDate()),
        taskLink(task.id()),
        note);
  }

  Mail taskMail(Kind kind, User user, TaskFacts task) {
    TaskView view = view(task, null);
    String about =
        task.name()
            + (task.candidateName() == null
                ? ""
                : " ("
                    + task.candidateName()
                    + (task.race() == null ? "" : ", " + task.race())
                    + ")");
    String subject =
        switch (kind) {
          case NEW -> "New task for you: " + about;
          case REMINDER -> "Due tomorrow: " + about;
          case OVERDUE -> "Overdue: " + about;
          case DIGEST, BOUNCE, ACCOUNT ->
              throw new IllegalArgumentException(kind + " is no task mail");
        };
    Map<String, Object> model =
        Map.of(
            "kind", kind.name(),
            "firstName", firstName(user),
            "task", view,
            "waitingFor", waitingFor(task),
            "settingsLink", settingsLink());
    return render("task", subject, model, user, recipients.replyToFor(task, user));
  }

  /**
   * To a group lead (or organizer): a volunteer's address refused mail for good. Names the
   * volunteer and the address; only ever sent to leads of the volunteer's own local group.
   */
  Mail bounceNotice(User lead, User volunteer, String address, String reason) {
    String name = LocalGroups.displayName(volunteer);
    String subject = "Mail to " + name + " is not getting through";
    Map<String, Object> model =
        Map.of(
            "firstName",
            firstName(lead),
            "volunteerName",
            name,
            "volunteerId",
            volunteer.getId(),
            "address",
            address,
            "reason",
            reason,
            "adminLink",
            properties
                .publicBaseUrl()
                .resolve("/camunda/app/admin/default/#/users/" + volunteer.getId() + "?tab=profile")
                .toString(),
            "settingsLink",
            settingsLink());
    return render("bounce", subject, model, lead, List.of());
  }

  Mail digestMail(User user, LocalDate day, List<TaskView> tasks) {
    String subject =
        "Your Path to Victory tasks for "
            + day.format(DateTimeFormatter.ofPattern("MMMM d", Locale.US))
            + " ("
            + tasks.size()
            + " waiting)";
    Map<String, Object> model =
        Map.of(
            "firstName", firstName(user),
            "day", day.format(DAY),
            "tasks", tasks,
            "settingsLink", settingsLink());
    return render("digest", subject, model, user, recipients.replyToForDigest(user));
  }

  /** Renders both parts; issues the recipient's unsubscribe token, which the footer shows too. */
  private Mail render(
      String template, String subject, Map<String, Object> model, User to, List<String> replyTo) {
    String token = unsubscribeLinks.issue(to.getId());
    Context context = new Context(Locale.US, model);
    context.setVariable("subject", subject);
    context.setVariable("unsubscribeLink", headers.unsubscribeUrl(token));
    return new Mail(
        subject,
        templates.process(template + ".txt", context),
        templates.process(template + ".html", context),
        replyTo.isEmpty()
            ? null
            : String.join(", ", replyTo.subList(0, Math.min(MAX_REPLY_TO, replyTo.size()))),
        headers.listUnsubscribe(token));
  }

  private String waitingFor(TaskFacts task) {
    if (task.assignee() != null) {
      return "you";
    }
    return task.candidateGroups().stream()
        .map(MailComposer::roleName)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static String roleName(String groupId) {
    return java.util.Arrays.stream(org.pathtovictory.identity.CampaignRole.values())
        .filter(role -> role.groupId().equals(groupId))
        .map(org.pathtovictory.identity.CampaignRole::displayName)
        .findFirst()
        .orElse(groupId);
  }

  private String settingsLink() {
    URI base = properties.publicBaseUrl();
    // the settings page (org.pathtovictory.settings), behind Tasklist's sign-in
    return base.resolve("/me").toString();
  }

  String day(Date date) {
    return date == null
        ? null
        : LocalDate.ofInstant(date.toInstant(), properties.timeZone()).format(DAY);
  }

  private String groupName(String tenantId) {
    if (tenantId == null) {
      return null;
    }
    Tenant tenant = identityService.createTenantQuery().tenantId(tenantId).singleResult();
    return tenant != null && tenant.getName() != null ? tenant.getName() : tenantId;
  }

  private static String firstName(User user) {
    return user.getFirstName() != null && !user.getFirstName().isBlank()
        ? user.getFirstName()
        : user.getId();
  }
}
