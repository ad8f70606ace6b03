package org.pathtovictory.signin;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A provider user signed in as an engine user: the name is the engine user id, whatever the
 * provider calls them. Kept in the HTTP session (database sessions: serializable).
 */
class EngineUser extends DefaultOidcUser {

  private static final long serialVersionUID = 1L;

  private final String userId;
  private final String email;

  EngineUser(
      String userId,
      String email,
      Collection<? extends GrantedAuthority> authorities,
      OidcIdToken idToken,
      OidcUserInfo userInfo) {
    super(authorities, idToken, userInfo);
    this.userId = userId;
    this.email = email;
  }

  @Override
  public String getName() {
    return userId;
  }

  /** The verified email, lower case. */
  @Override
  public String getEmail() {
    return email;
  }
}
