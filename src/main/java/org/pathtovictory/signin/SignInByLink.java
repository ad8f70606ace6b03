package org.pathtovictory.signin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.notification.AccountMails;
import org.pathtovictory.notification.AccountMails.AccountMail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a sign-in link to the address of an account, and tells who a used link signs in. The link
 * row and its mail (through the outbox) commit together. An address without an account gets
 * nothing, and the caller cannot tell the difference.
 */
@Component
class SignInByLink {

  private final SignInLinks links;
  private final AccountMails mails;
  private final IdentityService identityService;
  private final String baseUrl;

  SignInByLink(
      SignInLinks links,
      AccountMails mails,
      IdentityService identityService,
      PathToVictoryProperties properties) {
    this.links = links;
    this.mails = mails;
    this.identityService = identityService;
    String base = properties.publicBaseUrl().toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** Mails a link if exactly one account has this address; otherwise does nothing. */
  @Transactional
  void send(String address, String returnTo) {
    Optional<User> account = accountOf(address);
    if (account.isEmpty()) {
      return;
    }
    User user = account.get();
    String token = links.issue(user.getId(), user.getEmail(), returnTo);
    String link = baseUrl + "/sign-in/link/" + token;
    mails.send(
        "sign-in:" + token,
        null,
        user.getId(),
        user.getEmail(),
        new AccountMail(
            "Your sign-in link for Path to Victory",
            user.getFirstName() == null || user.getFirstName().isBlank()
                ? user.getId()
                : user.getFirstName(),
            List.of(
                "You asked for a link to sign in to Path to Victory. Open it on the phone or"
                    + " computer where you want to sign in, then tap \"Sign in\".",
                "The link works once, for 15 minutes. If you did not ask for it, you can ignore"
                    + " this mail: nobody can sign in without opening it."),
            "Sign in",
            link,
            null));
  }

  /**
   * Uses the link; the engine user it signs in, if the link is unused, unexpired and the account
   * still has the address it was sent to.
   */
  Result use(String token) {
    Optional<SignInLinks.Used> used = links.use(token);
    if (used.isEmpty()) {
      return new Result(Outcome.UNUSABLE, null, null);
    }
    User user = identityService.createUserQuery().userId(used.get().userId()).singleResult();
    if (user == null
        || user.getEmail() == null
        || !user.getEmail().equalsIgnoreCase(used.get().email())) {
      return new Result(Outcome.OTHER_ADDRESS, null, null);
    }
    return new Result(Outcome.SIGNED_IN, user.getId(), used.get().returnTo());
  }

  enum Outcome {
    SIGNED_IN,
    /** used already, expired, or never issued */
    UNUSABLE,
    /** the account's address changed since the link was sent */
    OTHER_ADDRESS
  }

  /** A used link's outcome and, when it signs someone in, who and where to. */
  record Result(Outcome outcome, String userId, String returnTo) {}

  private Optional<User> accountOf(String address) {
    String wanted = address.trim();
    List<User> users = identityService.createUserQuery().userEmail(wanted).list();
    if (users.isEmpty() && !wanted.equals(wanted.toLowerCase(Locale.ROOT))) {
      users = identityService.createUserQuery().userEmail(wanted.toLowerCase(Locale.ROOT)).list();
    }
    return users.size() == 1 ? Optional.of(users.get(0)) : Optional.empty();
  }
}
