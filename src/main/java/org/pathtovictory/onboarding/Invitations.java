package org.pathtovictory.onboarding;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.identity.CampaignRole;
import org.pathtovictory.identity.LocalGroups;
import org.pathtovictory.notification.AccountMails;
import org.pathtovictory.notification.AccountMails.AccountMail;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;
import org.pathtovictory.web.Refused;
import org.pathtovictory.web.SecretTokens;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invitations: a mail with a single-use link that expires, where the invited person chooses a
 * password that meets Camunda's password policy; then they sign in to Tasklist. Someone who signs
 * in with the organization's accounts instead ({@code oidc} profile) is matched by their verified
 * address and their invitation is closed.
 */
@Component
class Invitations {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US);

  private final OnboardingLinks links;
  private final AccountMails mails;
  private final IdentityService identityService;
  private final LocalGroups groups;
  private final GroupAudit audit;
  private final OnboardingProperties onboarding;
  private final PathToVictoryProperties properties;
  private final TransactionTemplate transaction;

  Invitations(
      OnboardingLinks links,
      AccountMails mails,
      IdentityService identityService,
      LocalGroups groups,
      GroupAudit audit,
      OnboardingProperties onboarding,
      PathToVictoryProperties properties,
      PlatformTransactionManager transactionManager) {
    this.links = links;
    this.mails = mails;
    this.identityService = identityService;
    this.groups = groups;
    this.audit = audit;
    this.onboarding = onboarding;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** Who is invited where: what the mail says (read before the caller's changes are flushed). */
  record Invitee(
      String slug, String groupName, String userId, String firstName, String email, String roles) {}

  /** The invitee as the engine knows them now (a member added in an earlier transaction). */
  Invitee invitee(String slug, String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    return new Invitee(
        slug,
        groups.name(slug).orElse(slug),
        userId,
        user.getFirstName(),
        user.getEmail(),
        rolesInWords(groups.roles(userId)));
  }

  static String rolesInWords(java.util.Set<CampaignRole> roles) {
    return roles.stream()
        .map(CampaignRole::displayName)
        .map(name -> name.replaceFirst("s$", "").replace("Local group lead", "Group lead"))
        .collect(Collectors.joining(", "));
  }

  /**
   * Writes the invitation and its mail (in the caller's transaction).
   *
   * @param invitedBy who invites, as the mail names them ("An Indivisible Organizer", a lead's
   *     name)
   */
  void send(Invitee invitee, String invitedBy, String createdBy) {
    String slug = invitee.slug();
    String userId = invitee.userId();
    String groupName = invitee.groupName();
    String token =
        links.issue(
            OnboardingLinks.INVITATION,
            invitee.email(),
            userId,
            slug,
            null,
            createdBy,
            onboarding.invitationValidFor());
    LocalDate until =
        LocalDate.ofInstant(
            ClockUtil.getCurrentTime().toInstant().plus(onboarding.invitationValidFor()),
            properties.timeZone());
    String roles = invitee.roles();
    mails.send(
        "invitation:" + SecretTokens.hash(token),
        slug,
        userId,
        invitee.email(),
        new AccountMail(
            "You are invited to " + groupName + " on Path to Victory",
            invitee.firstName() == null || invitee.firstName().isBlank()
                ? userId
                : invitee.firstName(),
            List.of(
                invitedBy
                    + " invited you to "
                    + groupName
                    + " on Path to Victory, where your group plans and runs the campaigns of"
                    + " the candidates Indivisible endorses."
                    + (roles.isEmpty() ? "" : " Your role: " + roles + "."),
                "Your user name is "
                    + userId
                    + ". Choose your password with the link below: it works once, until "
                    + DAY.format(until)
                    + ". Then sign in to Tasklist, where your group's tasks wait for you."),
            "Choose your password",
            properties.publicBaseUrl().resolve("/invitation/" + token).toString(),
            "You get this mail because "
                + invitee.email()
                + " was invited to Path to Victory. If you did not expect it, ignore it: nothing"
                + " happens without you."));
  }

  /** Withdraws every link of a removed member. */
  void forget(String userId) {
    links.forget(userId);
  }

  /** What the invitation page shows for a link: who it is for, or why it no longer works. */
  OnboardingLinks.Link open(String token) {
    OnboardingLinks.Link link =
        links
            .find(OnboardingLinks.INVITATION, token)
            .orElseThrow(
                () ->
                    Refused.notFound(
                        "This invitation link is not valid. Check that you copied the whole"
                            + " address from the mail."));
    if (link.used()) {
      throw Refused.gone(
          "This invitation was already used to choose a password. Sign in to Tasklist with your"
              + " user name "
              + link.userId()
              + "; if you forgot the password, ask your group lead for a new invitation.");
    }
    if (link.expired()) {
      throw Refused.gone(
          "This invitation has expired. Ask your group lead (or your Indivisible Organizer) to"
              + " send you a new one.");
    }
    if (identityService.createUserQuery().userId(link.userId()).count() == 0) {
      throw Refused.gone("This invitation was withdrawn. Ask your group lead if you need one.");
    }
    return link;
  }

  /** Sets the password and closes the link, in one transaction; returns the user name. */
  String accept(String token, String password, String confirmation) {
    OnboardingLinks.Link link = open(token);
    User user = identityService.createUserQuery().userId(link.userId()).singleResult();
    List<Problem> problems = new ArrayList<>();
    if (password == null || password.isEmpty()) {
      problems.add(new Problem("password", "choose a password"));
    } else {
      problems.addAll(policyProblems(password, user));
      if (!password.equals(confirmation)) {
        problems.add(new Problem("confirmation", "the two passwords are not the same"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return transaction.execute(
        status -> {
          if (!links.use(link)) {
            throw Refused.gone(
                "This invitation was used a moment ago. Sign in to Tasklist with your user name "
                    + link.userId()
                    + ".");
          }
          user.setPassword(password);
          identityService.saveUser(user);
          links.closeInvitationsOf(user.getId());
          audit.record(
              link.tenantId(),
              user.getId(),
              GroupAudit.INVITATION_ACCEPTED,
              user.getId(),
              "chose a password through the invitation");
          return user.getId();
        });
  }

  /** The rules of Camunda's password policy, in words, for the invitation page. */
  List<String> policyInWords() {
    return identityService.getPasswordPolicy().getRules().stream().map(Invitations::words).toList();
  }

  private List<Problem> policyProblems(String password, User user) {
    PasswordPolicyResult result = identityService.checkPasswordAgainstPolicy(password, user);
    return result.getViolatedRules().stream()
        .map(rule -> new Problem("password", "the password needs " + words(rule)))
        .toList();
  }

  private static String words(PasswordPolicyRule rule) {
    Map<String, String> parameters = rule.getParameters();
    String n =
        parameters == null || parameters.isEmpty() ? "" : parameters.values().iterator().next();
    return switch (rule.getPlaceholder()) {
      case "PASSWORD_POLICY_LENGTH" -> "at least " + n + " characters";
      case "PASSWORD_POLICY_LOWERCASE" -> "at least " + n + " lower-case letter(s)";
      case "PASSWORD_POLICY_UPPERCASE" -> "at least " + n + " capital letter(s)";
      case "PASSWORD_POLICY_DIGIT" -> "at least " + n + " digit(s)";
      case "PASSWORD_POLICY_SPECIAL" -> "at least " + n + " other character(s) such as ! ? # or -";
      case "PASSWORD_POLICY_USER_DATA" -> "not to contain your name, user name or email address";
      default -> rule.getPlaceholder().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  /**
   * Someone signed in with the organization's accounts ({@code oidc} profile): matched by their
   * verified address to their invitation, which is now used.
   */
  @EventListener
  void signedInWithProvider(org.pathtovictory.signin.SignedInWithProvider event) {
    transaction.executeWithoutResult(status -> closeBySignIn(event.userId()));
  }

  private void closeBySignIn(String userId) {
    if (links.closeInvitationsOf(userId) > 0) {
      for (String slug : groups.groupsOf(userId)) {
        audit.record(
            slug,
            userId,
            GroupAudit.INVITATION_ACCEPTED,
            userId,
            "signed in with the organization's account");
      }
    }
  }
}
