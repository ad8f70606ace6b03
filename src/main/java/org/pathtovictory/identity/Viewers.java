package org.pathtovictory.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.stereotype.Component;

/**
 * Finds who is asking. The HTML pages share Tasklist's sign-in: Camunda's webapps keep the signed
 * in user in the HTTP session ({@link Authentications}), which these pages read; the JSON API has
 * the engine user of the HTTP Basic credentials ({@code web.EngineRestAuthentication}).
 */
@Component
public class Viewers {

  private final ProcessEngine engine;
  private final IdentityService identityService;

  Viewers(ProcessEngine engine, IdentityService identityService) {
    this.engine = engine;
    this.identityService = identityService;
  }

  /** The user signed in to Tasklist in this browser, if any. */
  public Optional<Viewer> fromSession(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    var signIn = authentications.getAuthenticationForProcessEngine(engine.getName());
    if (!(signIn instanceof UserAuthentication user)
        || !user.isAuthorizedForApp("tasklist") && !user.isAuthorizedForApp("cockpit")) {
      return Optional.empty();
    }
    return of(user.getIdentityId());
  }

  /** The engine user of this request's HTTP Basic credentials. */
  public Optional<Viewer> fromEngine() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null || authentication.getUserId() == null
        ? Optional.empty()
        : of(authentication.getUserId());
  }

  /** The viewer with this user id, groups and tenants as the engine knows them now. */
  public Optional<Viewer> of(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return Optional.empty();
    }
    List<String> groups =
        identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(Group::getId)
            .toList();
    List<String> tenants =
        identityService
            .createTenantQuery()
            .userMember(userId)
            .includingGroupsOfUser(true)
            .list()
            .stream()
            .map(Tenant::getId)
            .sorted()
            .toList();
    return Optional.of(
        new Viewer(userId, LocalGroups.displayName(user), user.getEmail(), groups, tenants));
  }
}
