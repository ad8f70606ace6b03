package org.pathtovictory.signin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Who a provider user is here: the engine user whose email is the provider's verified {@code email}
 * claim. The engine user was created when the person was invited (emails stored lower case), so an
 * address nobody invited, or one the provider has not verified, signs nobody in.
 */
class EngineUsers {

  private final IdentityService identityService;

  EngineUsers(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** A sign-in as one person, by the claims of their ID token or access token. */
  record SignIn(String userId, String email) {}

  /**
   * The engine user these claims belong to.
   *
   * @throws SignInRefused naming what is missing, in words the person can act on
   */
  SignIn of(Map<String, Object> claims) {
    Object claimedEmail = claims.get("email");
    if (!(claimedEmail instanceof String text) || text.isBlank()) {
      throw new SignInRefused(
          "Your account at your organization's sign-in service has no email address, so we cannot"
              + " tell who you are. Ask the people who run that service to add one.");
    }
    String email = text.trim().toLowerCase(Locale.ROOT);
    Object verified = claims.get("email_verified");
    if (!(Boolean.TRUE.equals(verified) || "true".equals(verified))) {
      throw new SignInRefused(
          "Your email address "
              + email
              + " is not verified by your organization's sign-in service yet. Verify it there, then"
              + " sign in again.");
    }
    List<User> users = identityService.createUserQuery().userEmail(email).list();
    if (users.isEmpty() && !email.equals(text.trim())) {
      // an address stored before emails were kept lower case
      users = identityService.createUserQuery().userEmail(text.trim()).list();
    }
    if (users.isEmpty()) {
      throw new SignInRefused(
          "There is no invitation for " + email + ". Ask your group lead to invite this address.");
    }
    if (users.size() > 1) {
      throw new SignInRefused(
          "More than one account here has the email address "
              + email
              + ", so we cannot tell which one is yours. Ask an administrator to give each account"
              + " its own address.");
    }
    return new SignIn(users.get(0).getId(), email);
  }
}
