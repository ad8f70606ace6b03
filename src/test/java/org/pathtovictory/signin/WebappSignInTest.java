package org.pathtovictory.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.WebTestSupport;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * What the webapps learn from a sign-in at the provider (the browser flow is in the tasklist
 * suite).
 */
class WebappSignInTest extends WebTestSupport {

  @AfterEach
  void forget() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void theWebappsSeeTheEngineUserOfTheSignIn() {
    if (identityService.createUserQuery().userId("webapp-sign-in").count() == 0) {
      User user = identityService.newUser("webapp-sign-in");
      user.setEmail("webapp-sign-in@ithaca.example.org");
      identityService.saveUser(user);
    }
    signedInAs("webapp-sign-in");

    var result = new WebappSignIn().extractAuthenticatedUser(null, processEngine);

    assertThat(result.isAuthenticated()).isTrue();
    assertThat(result.getAuthenticatedUser()).isEqualTo("webapp-sign-in");
  }

  @Test
  void aUserRemovedSinceTheSignInIsNobody() {
    signedInAs("removed-since");

    assertThat(new WebappSignIn().extractAuthenticatedUser(null, processEngine).isAuthenticated())
        .isFalse();
  }

  @Test
  void noSignInIsNobody() {
    assertThat(new WebappSignIn().extractAuthenticatedUser(null, processEngine).isAuthenticated())
        .isFalse();
  }

  private static void signedInAs(String userId) {
    var idToken =
        new OidcIdToken(
            "id-token", Instant.now(), Instant.now().plusSeconds(60), Map.of("sub", "subject"));
    var user = new EngineUser(userId, userId + "@ithaca.example.org", List.of(), idToken, null);
    SecurityContextHolder.getContext()
        .setAuthentication(new OAuth2AuthenticationToken(user, List.of(), "organization"));
  }
}
