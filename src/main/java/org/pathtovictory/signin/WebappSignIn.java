package org.pathtovictory.signin;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * Tells Camunda's container-based authentication (the webapps) who signed in through the provider:
 * the engine user that {@link ProviderUserService} found at sign-in. Camunda then reads that user's
 * groups and tenants from the engine. Created by Camunda's filter by class name.
 */
public class WebappSignIn extends ContainerBasedAuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(
      HttpServletRequest request, ProcessEngine engine) {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof OAuth2AuthenticationToken token
        && token.getPrincipal() instanceof EngineUser user
        // removed since they signed in: Camunda would fail on a user it cannot find
        && engine.getIdentityService().createUserQuery().userId(user.getName()).count() == 1) {
      return AuthenticationResult.successful(user.getName());
    }
    return AuthenticationResult.unsuccessful();
  }
}
