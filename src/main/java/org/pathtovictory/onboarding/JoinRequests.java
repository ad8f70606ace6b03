package org.pathtovictory.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.identity.CampaignRole;
import org.pathtovictory.identity.LocalGroups;
import org.pathtovictory.notification.AccountMails;
import org.pathtovictory.notification.AccountMails.AccountMail;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;
import org.pathtovictory.web.Refused;
import org.pathtovictory.web.SecretTokens;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Join requests and the steps of the {@code group-onboarding} process: a request starts an
 * instance; an organizer's decision sets the group up (tenant, lead, national roles' memberships,
 * invitation: one transaction), asks the requester for changes through a single-use link, or
 * declines with a reason, each answered by mail.
 */
@Component
class JoinRequests {

  static final String PROCESS = "group-onboarding";
  static final String CHANGED = "JoinRequestChanged";
  static final String FROM_JOIN_REQUEST = "join request";

  private final RuntimeService runtimeService;
  private final LocalGroups groups;
  private final OnboardingLinks links;
  private final Invitations invitations;
  private final AccountMails mails;
  private final GroupAudit audit;
  private final OnboardingProperties onboarding;
  private final PathToVictoryProperties properties;
  private final TransactionTemplate transaction;

  JoinRequests(
      RuntimeService runtimeService,
      LocalGroups groups,
      OnboardingLinks links,
      Invitations invitations,
      AccountMails mails,
      GroupAudit audit,
      OnboardingProperties onboarding,
      PathToVictoryProperties properties,
      PlatformTransactionManager transactionManager) {
    this.runtimeService = runtimeService;
    this.groups = groups;
    this.links = links;
    this.invitations = invitations;
    this.mails = mails;
    this.audit = audit;
    this.onboarding = onboarding;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** Starts the review of a valid request; refuses a bad one naming each field. */
  String submit(JoinRequest request) {
    refuseIfInvalid(request, null);
    ProcessInstance instance =
        runtimeService.startProcessInstanceByKey(
            PROCESS, "join/" + request.groupSlug(), request.toVariables());
    return instance.getId();
  }

  /**
   * Everything wrong with the request: its own values, a web name another group has or asked for,
   * an address that already belongs to an account.
   *
   * @param instanceId the request's own instance when it is being changed (its name is its own)
   */
  void refuseIfInvalid(JoinRequest request, String instanceId) {
    List<Problem> problems = new ArrayList<>(request.problems());
    boolean slugProblem = problems.stream().anyMatch(p -> p.field().equals("groupSlug"));
    if (!slugProblem && groups.exists(request.groupSlug())) {
      problems.add(
          new Problem(
              "groupSlug",
              "“" + request.groupSlug() + "” is already taken by another group: choose another"));
    } else if (!slugProblem && slugRequestedElsewhere(request.groupSlug(), instanceId)) {
      problems.add(
          new Problem(
              "groupSlug",
              "“"
                  + request.groupSlug()
                  + "” is already asked for by a request waiting for review: choose another"));
    }
    boolean emailProblem = problems.stream().anyMatch(p -> p.field().equals("leadEmail"));
    if (!emailProblem && groups.userWithEmail(request.leadEmail()).isPresent()) {
      problems.add(
          new Problem(
              "leadEmail",
              "this address already belongs to a Path to Victory account: ask your Indivisible"
                  + " Organizer to add your new group to it, or use another address"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private boolean slugRequestedElsewhere(String slug, String instanceId) {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey(PROCESS)
        .variableValueEquals("groupSlug", slug)
        .list()
        .stream()
        .anyMatch(instance -> !instance.getId().equals(instanceId));
  }

  /** The request behind a change link, for the form; refuses a link that no longer works. */
  JoinRequest openChanges(String token) {
    OnboardingLinks.Link link = changesLink(token);
    Map<String, Object> variables = runtimeService.getVariables(link.processInstanceId());
    return JoinRequest.from(variables);
  }

  /** The organizer's note: what to change. */
  String changesAsked(String token) {
    OnboardingLinks.Link link = changesLink(token);
    Object note = runtimeService.getVariable(link.processInstanceId(), "joinDecisionNote");
    return note == null ? "" : note.toString();
  }

  /** Sends the changed request back to review: checks, uses the link, continues the process. */
  void change(String token, JoinRequest request) {
    OnboardingLinks.Link link = changesLink(token);
    refuseIfInvalid(request, link.processInstanceId());
    transaction.executeWithoutResult(
        status -> {
          if (!links.use(link)) {
            throw Refused.gone("These changes were already sent. Your request is being reviewed.");
          }
          runtimeService
              .createMessageCorrelation(CHANGED)
              .processInstanceId(link.processInstanceId())
              .setVariables(request.toVariables())
              .correlate();
        });
  }

  private OnboardingLinks.Link changesLink(String token) {
    OnboardingLinks.Link link =
        links
            .find(OnboardingLinks.JOIN_CHANGES, token)
            .orElseThrow(
                () ->
                    Refused.notFound(
                        "This link is not valid. Check that you copied the whole address from the"
                            + " mail."));
    if (link.used()) {
      throw Refused.gone("These changes were already sent. Your request is being reviewed.");
    }
    boolean waiting =
        runtimeService
                .createExecutionQuery()
                .processInstanceId(link.processInstanceId())
                .messageEventSubscriptionName(CHANGED)
                .count()
            > 0;
    if (link.expired() || !waiting) {
      throw Refused.gone(
          "This link has expired and the request was closed. You are welcome to send a new"
              + " request on the join page.");
    }
    return link;
  }

  // ---- the steps of the process (called by the model beans) ----

  /** Approved: the tenant, its lead and the national roles' memberships, and the invitation. */
  void setUp(DelegateExecution execution) {
    JoinRequest request = JoinRequest.from(execution.getVariables());
    String approvedBy = reviewer(execution);
    groups.create(request.groupSlug(), request.groupName());
    String leadId =
        groups.addMember(
            request.groupSlug(),
            request.leadName(),
            request.leadEmail(),
            java.util.Set.of(CampaignRole.GROUP_LEAD));
    audit.record(
        request.groupSlug(),
        approvedBy,
        GroupAudit.GROUP_CREATED,
        request.groupSlug(),
        "join request approved: " + request.groupName() + ", " + request.groupState());
    audit.record(request.groupSlug(), approvedBy, GroupAudit.INVITED, leadId, "as group lead");
    invitations.send(
        new Invitations.Invitee(
            request.groupSlug(),
            request.groupName(),
            leadId,
            request.leadName().split("\\s+")[0],
            request.leadEmail(),
            Invitations.rolesInWords(java.util.Set.of(CampaignRole.GROUP_LEAD))),
        "An Indivisible Organizer approved your request and",
        approvedBy);
    execution.setVariable("leadUserId", leadId);
  }

  /** Sent back: a link to change the request, with the organizer's note. */
  void askForChanges(DelegateExecution execution) {
    JoinRequest request = JoinRequest.from(execution.getVariables());
    String token =
        links.issue(
            OnboardingLinks.JOIN_CHANGES,
            request.leadEmail(),
            null,
            null,
            execution.getProcessInstanceId(),
            reviewer(execution),
            onboarding.changesValidFor());
    mails.send(
        "join-changes:" + SecretTokens.hash(token),
        null,
        null,
        request.leadEmail(),
        new AccountMail(
            "Your request to join Path to Victory: please change a few things",
            request.leadName(),
            List.of(
                "Thank you for asking to bring " + request.groupName() + " to Path to Victory.",
                "An Indivisible Organizer read your request and asks you to change something"
                    + " before it can be approved: "
                    + note(execution),
                "Open your request with the link below, change it and send it again. The link"
                    + " works once, for "
                    + onboarding.changesValidFor().toDays()
                    + " days."),
            "Change your request",
            properties.publicBaseUrl().resolve("/join/changes/" + token).toString(),
            "You get this mail because someone asked on the Path to Victory join page for "
                + request.groupName()
                + " to join, giving this address."));
  }

  /** Declined: the requester hears why. */
  void decline(DelegateExecution execution) {
    JoinRequest request = JoinRequest.from(execution.getVariables());
    mails.send(
        "join-declined:" + execution.getProcessInstanceId(),
        null,
        null,
        request.leadEmail(),
        new AccountMail(
            "Your request to join Path to Victory",
            request.leadName(),
            List.of(
                "Thank you for asking to bring " + request.groupName() + " to Path to Victory.",
                "An Indivisible Organizer read your request and could not approve it. The reason: "
                    + note(execution),
                "If you think this is a mistake, or things change, you are welcome to answer this"
                    + " mail or send a new request on the join page."),
            "Open the join page",
            properties.publicBaseUrl().resolve("/join").toString(),
            "You get this mail because someone asked on the Path to Victory join page for "
                + request.groupName()
                + " to join, giving this address."));
  }

  private static String note(DelegateExecution execution) {
    Object note = execution.getVariable("joinDecisionNote");
    return note == null ? "" : note.toString().strip();
  }

  private static String reviewer(DelegateExecution execution) {
    Object reviewer = execution.getVariable("joinReviewedBy");
    return reviewer == null ? "an organizer" : reviewer.toString();
  }
}
