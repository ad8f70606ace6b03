package org.pathtovictory.signin;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * At sign-in: the provider's user (ID token and, where the provider offers it, user info) becomes
 * the engine user with the same verified email, or the sign-in is refused with a sentence.
 */
class ProviderUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private final OidcUserService provider = new OidcUserService();
  private final EngineUsers engineUsers;

  ProviderUserService(EngineUsers engineUsers) {
    this.engineUsers = engineUsers;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
    OidcUser user = provider.loadUser(request);
    EngineUsers.SignIn signIn = engineUsers.of(user.getClaims());
    // the provider's roles and groups mean nothing here: roles are Camunda groups in our database
    return new EngineUser(
        signIn.userId(),
        signIn.email(),
        java.util.List.of(),
        user.getIdToken(),
        user.getUserInfo());
  }
}
