package org.pathtovictory.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import okhttp3.HttpUrl;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.signin.SignedInWithProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in with the organization's accounts (profile {@code oidc}) against a real OpenID Connect
 * provider that the test starts on 127.0.0.1 (NAV's mock-oauth2-server, with its interactive login
 * page): Tasklist and the board in Chromium, the REST API with the provider's bearer tokens. The
 * person is the engine user invited with the same verified email; roles and tenants come from the
 * engine.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.profiles.active=test,demo,oidc")
class OidcSignInBrowserTest extends BrowserTestSupport {

  static final String ISSUER_ID = "organization-idp";
  static final String CLIENT_ID = "path-to-victory";
  static final String OLIVE = "olive";
  static final String OLIVE_EMAIL = "olive@ithaca.example.org";
  static final String ITHACA_TASK = "Call the Ithaca volunteers back";
  static final String ANN_ARBOR_TASK = "Book the Ann Arbor hall";

  static final MockOAuth2Server PROVIDER = startProvider();

  private static MockOAuth2Server startProvider() {
    var server = new MockOAuth2Server(new OAuth2Config(true));
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
    return server;
  }

  static String issuer() {
    return "http://127.0.0.1:" + PROVIDER.baseUrl().port() + "/" + ISSUER_ID;
  }

  @DynamicPropertySource
  static void organizationProvider(DynamicPropertyRegistry properties) {
    String registration = "spring.security.oauth2.client.registration.organization.";
    properties.add(registration + "client-id", () -> CLIENT_ID);
    // a throwaway secret of the test provider, which accepts any
    properties.add(registration + "client-secret", () -> "test-provider-accepts-any-secret");
    properties.add(
        "spring.security.oauth2.client.provider.organization.issuer-uri", () -> issuer());
  }

  /** What the application announces, as the coordinator's invitation code will hear it. */
  @TestConfiguration
  static class Announcements {
    static final List<SignedInWithProvider> HEARD = new CopyOnWriteArrayList<>();

    static volatile boolean failNext;

    @EventListener
    void heard(SignedInWithProvider signIn) {
      HEARD.add(signIn);
      if (failNext) {
        failNext = false;
        throw new IllegalStateException("a listener that fails");
      }
    }
  }

  @Autowired TaskService taskService;

  /** Olive was invited as Ithaca's group lead: an engine user with an email and no password. */
  @BeforeEach
  void inviteOlive() {
    if (identityService.createUserQuery().userId(OLIVE).count() == 0) {
      User olive = identityService.newUser(OLIVE);
      olive.setFirstName("Olive");
      olive.setLastName("Ostrowski");
      olive.setEmail(OLIVE_EMAIL);
      identityService.saveUser(olive);
      identityService.createMembership(OLIVE, "group-leads");
      identityService.createTenantUserMembership("ny24-ithaca", OLIVE);
    }
    taskService.createTaskQuery().taskAssignee(OLIVE).list().stream()
        .map(task -> task.getId())
        .toList()
        .forEach(id -> taskService.deleteTask(id, true));
    task(ITHACA_TASK, "ny24-ithaca");
    // assigned to her, but in a group she is not a member of: the engine keeps it from her
    task(ANN_ARBOR_TASK, "a2-indivisible");
    Announcements.HEARD.clear();
    Announcements.failNext = false;
  }

  private void task(String name, String tenant) {
    var task = taskService.newTask();
    task.setName(name);
    task.setTenantId(tenant);
    task.setAssignee(OLIVE);
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), "group-leads");
  }

  @Test
  void tasklistAndTheBoardSignInTheInvitedUserThroughTheProvider() {
    Page page = newPage();
    page.navigate(baseUrl() + "/camunda/app/tasklist/default/");
    var back = signInAtProvider(page, "olive.o", Map.of("email", "Olive@Ithaca.example.org"), true);
    screenshot(page, "oidc olive back from the provider");
    assertThat(back.status()).isEqualTo(302);
    page.locator("a:has-text('Start process')").first().waitFor();
    Locator ithacaTask = page.locator("ol.tasks-list").getByText(ITHACA_TASK);
    ithacaTask.waitFor();
    screenshot(page, "oidc olive in tasklist");
    assertThat(page.locator("body").innerText()).contains("Olive Ostrowski");
    assertThat(page.locator("ol.tasks-list").innerText()).doesNotContain(ANN_ARBOR_TASK);
    assertThat(Announcements.HEARD).containsExactly(new SignedInWithProvider(OLIVE, OLIVE_EMAIL));

    page.navigate(baseUrl() + "/board");
    assertThat(page.locator(".who").innerText()).isEqualTo("Signed in as Olive Ostrowski");
  }

  @Test
  void theBoardSendsSomeoneNotSignedInToTheProviderAndBack() {
    Page page = newPage();
    page.navigate(baseUrl() + "/board");
    signInAtProvider(page, "olive.o", Map.of("email", OLIVE_EMAIL), true);

    page.waitForURL("**/board**");
    assertThat(page.locator(".who").innerText()).isEqualTo("Signed in as Olive Ostrowski");

    // Tasklist's "Log out" ends the whole session: the board asks the provider again
    Object loggedOut =
        page.evaluate(
            "fetch('/camunda/api/admin/auth/user/default/logout', {method: 'POST'})"
                + ".then(answer => answer.status)");
    assertThat(loggedOut).isEqualTo(200);
    page.navigate(baseUrl() + "/board");
    page.waitForURL(url -> url.startsWith(issuer() + "/authorize"));
  }

  @Test
  void thePhoneTasksPageOffersTheOrganizationsSignInBesideTheLinkAndComesBackToTasks() {
    Page phone = newPhonePage(390, 844);
    phone.navigate(baseUrl() + "/tasks");
    phone.waitForURL("**/sign-in?returnTo=%2Ftasks");
    assertThat(phone.getByText("Email me a sign-in link").isVisible()).isTrue();

    phone.getByText("Sign in with your organization's account").click();
    signInAtProvider(phone, "olive.o", Map.of("email", OLIVE_EMAIL), true);

    phone.waitForURL(baseUrl() + "/tasks");
    assertThat(phone.locator("h1").innerText()).isEqualTo("My tasks");
    assertThat(Announcements.HEARD).containsExactly(new SignedInWithProvider(OLIVE, OLIVE_EMAIL));
  }

  @Test
  void aFailingListenerDoesNotUndoTheSignIn() {
    Announcements.failNext = true;
    Page page = newPage();
    page.navigate(baseUrl() + "/board");
    signInAtProvider(page, "olive.o", Map.of("email", OLIVE_EMAIL), true);

    page.waitForURL("**/board**");
    assertThat(page.locator(".who").innerText()).isEqualTo("Signed in as Olive Ostrowski");
    assertThat(Announcements.HEARD).hasSize(1);
  }

  @Test
  void anAddressNobodyInvitedIsRefusedInPlainWords() {
    Page page = newPage();
    page.navigate(baseUrl() + "/camunda/app/tasklist/default/");
    Response refusal = signInAtProvider(page, "jane", Map.of("email", "jane@example.org"), true);

    assertThat(refusal.status()).isEqualTo(403);
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT).innerText())
        .isEqualTo(
            "There is no invitation for jane@example.org. Ask your group lead to invite this"
                + " address.");
    assertThat(page.locator("h1").innerText()).isEqualTo("You cannot sign in here yet");
    assertThat(Announcements.HEARD).isEmpty();
  }

  @Test
  void anEmailTheProviderHasNotVerifiedIsRefused() {
    Page page = newPage();
    page.navigate(baseUrl() + "/camunda/app/tasklist/default/");
    Response refusal = signInAtProvider(page, "olive.o", Map.of("email", OLIVE_EMAIL), false);

    assertThat(refusal.status()).isEqualTo(403);
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT).innerText())
        .contains("Your email address " + OLIVE_EMAIL + " is not verified");
    assertThat(Announcements.HEARD).isEmpty();
  }

  @Test
  void aBearerTokenOfTheProviderActsAsTheInvitedUserOnTheRestApi() {
    var answer =
        send(bearer("/engine-rest/task", token(Map.of("email", "OLIVE@ithaca.example.org"))));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains(ITHACA_TASK).doesNotContain(ANN_ARBOR_TASK);
  }

  @Test
  void theRestApiRefusesTokensOfStrangersAndRequestsWithoutOne() {
    var stranger = send(bearer("/engine-rest/task", token(Map.of("email", "jane@example.org"))));
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(stranger.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(stranger.body())
        .contains(
            "\"message\":\"There is no invitation for jane@example.org. Ask your group lead to"
                + " invite this address.\"");

    var unverified =
        send(
            bearer(
                "/engine-rest/task", token(Map.of("email", OLIVE_EMAIL, "email_verified", false))));
    assertThat(unverified.statusCode()).isEqualTo(403);

    var forgery = send(bearer("/engine-rest/task", token(Map.of("email", OLIVE_EMAIL)) + "x"));
    assertThat(forgery.statusCode()).isEqualTo(401);
    assertThat(forgery.body()).contains("The bearer token is not valid here");

    // the same provider's token for another of its applications
    var elsewhere =
        send(
            bearer(
                "/engine-rest/task",
                token(Map.of("email", OLIVE_EMAIL, "aud", "the-food-bank-app"))));
    assertThat(elsewhere.statusCode()).isEqualTo(401);

    assertThat(get("/engine-rest/task", null).statusCode()).isEqualTo(401);
  }

  @Test
  void twoAccountsWithOneEmailSignNobodyIn() {
    for (String twin : List.of("twin-one", "twin-two")) {
      if (identityService.createUserQuery().userId(twin).count() == 0) {
        User user = identityService.newUser(twin);
        user.setEmail("twins@ithaca.example.org");
        identityService.saveUser(user);
      }
    }
    var answer =
        send(bearer("/engine-rest/task", token(Map.of("email", "twins@ithaca.example.org"))));

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("More than one account here has the email address");
  }

  @Test
  void serviceAccountsKeepHttpBasic() {
    assertThat(get("/engine-rest/task", "organizer").statusCode()).isEqualTo(200);
  }

  /** Spring Security (and its request firewall) stays in front of the sign-in pages only. */
  @Test
  void theRestApiAnswersAsWithoutTheProfile() {
    var answer = get("/engine-rest/task/no%25such-task", "organizer");

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).contains("\"message\"");
  }

  /**
   * On the provider's page: a user name and the claims of the ID token; answers the application's
   * response to the provider's redirect back.
   */
  private Response signInAtProvider(
      Page page, String username, Map<String, Object> claims, boolean emailVerified) {
    page.waitForURL(url -> url.startsWith(issuer() + "/authorize"));
    page.waitForLoadState(LoadState.NETWORKIDLE);
    var allClaims = new java.util.LinkedHashMap<String, Object>(claims);
    allClaims.putIfAbsent("email_verified", emailVerified);
    String json = json(allClaims);
    Locator user = page.locator("input[name=username]");
    Locator claimsField = page.locator("textarea[name=claims]");
    for (int attempt = 1; attempt <= 5; attempt++) {
      user.fill(username);
      claimsField.fill(json);
      page.waitForTimeout(200);
      if (username.equals(user.inputValue()) && json.equals(claimsField.inputValue())) {
        break;
      }
    }
    return page.waitForResponse(
        response -> response.url().startsWith(baseUrl() + "/login/oauth2/code/organization"),
        () -> page.locator("input[type=submit]").click());
  }

  /** An access token as the provider issues it to this application. */
  private static String token(Map<String, Object> claims) {
    var allClaims = new java.util.LinkedHashMap<String, Object>(claims);
    allClaims.putIfAbsent("email_verified", true);
    allClaims.put("sub", "provider-subject");
    allClaims.putIfAbsent("aud", CLIENT_ID);
    return PROVIDER.anyToken(HttpUrl.get(issuer()), allClaims, Duration.ofMinutes(10)).serialize();
  }

  private HttpRequest bearer(String path, String token) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
  }

  private static String json(Map<String, Object> claims) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(claims);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
