package org.pathtovictory.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.pathtovictory.tasks.PhoneTestSupport;

/**
 * The emailed sign-in link over HTTP, as a browser and as a mail scanner send it: one link signs in
 * once, for 15 minutes, only by the POST of the page it opens, only while the account still has the
 * address; the answer to "email me a link" is the same with or without an account; and both the
 * address and the client are rate limited.
 */
class SignInLinkTest extends PhoneTestSupport {

  private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Test
  void aLinkSignsInOnceAndLeadsBackToThePageAskedFor() {
    String email = inviteVolunteer("Pat Once", "press-liaisons");
    HttpClient browser = browser();
    String link = askForLink(browser, email, "/tasks/some-task");
    HttpResponse<String> signedIn = useLink(browser, link);
    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/tasks/some-task");
    assertThat(send(browser, get("/tasks")).statusCode()).isEqualTo(200);

    // the same link a second time, in another browser: refused, nobody signed in
    HttpClient other = browser();
    HttpResponse<String> again = useLink(other, link);
    assertThat(again.statusCode()).isEqualTo(410);
    assertThat(again.body()).contains("This link cannot be used any more");
    assertThat(send(other, get("/tasks")).statusCode()).isEqualTo(302);
  }

  @Test
  void withoutTheOidcProfileTheSignInPageOffersNoOrganizationSignIn() {
    HttpClient browser = browser();
    HttpResponse<String> page = send(browser, get("/sign-in?returnTo=%2Ftasks"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Email me a sign-in link").doesNotContain("organization");
    // the address leads back to the sign-in page, nobody signed in
    HttpResponse<String> organization = send(browser, get("/sign-in/organization?returnTo=/tasks"));
    assertThat(organization.statusCode()).isEqualTo(303);
    assertThat(organization.headers().firstValue("Location"))
        .hasValue("/sign-in?returnTo=%2Ftasks");
  }

  @Test
  void anExpiredLinkIsRefused() {
    String email = inviteVolunteer("Pat Late", "press-liaisons");
    HttpClient browser = browser();
    String link = askForLink(browser, email, "/tasks");
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(16))));
    HttpResponse<String> late = useLink(browser, link);
    assertThat(late.statusCode()).isEqualTo(410);
    assertThat(late.body()).contains("works once, for 15 minutes");
    assertThat(send(browser, get("/tasks")).statusCode()).isEqualTo(302);
  }

  @Test
  void aMailScannerThatOnlyFollowsTheLinkUsesNothing() {
    String email = inviteVolunteer("Pat Scanned", "press-liaisons");
    HttpClient browser = browser();
    String link = askForLink(browser, email, "/tasks");
    // a scanner (its own cookies) opens the link several times, and even posts without the page
    HttpClient scanner = browser();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> page = send(scanner, get(link));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Sign in to Path to Victory");
    }
    HttpResponse<String> blind = send(scanner, post(link, ""));
    assertThat(blind.statusCode()).isEqualTo(403);
    assertThat(blind.body()).contains("Your link was not used");
    assertThat(send(scanner, get("/tasks")).statusCode()).isEqualTo(302);
    // the volunteer's tap afterwards still works
    assertThat(useLink(browser, link).statusCode()).isEqualTo(303);
  }

  @Test
  void aLinkSentToAnAddressTheAccountNoLongerHasIsRefused() {
    String email = inviteVolunteer("Pat Moved", "press-liaisons");
    HttpClient browser = browser();
    String link = askForLink(browser, email, "/tasks");
    var user = identityService.createUserQuery().userEmail(email).singleResult();
    user.setEmail("new-" + email);
    identityService.saveUser(user);
    HttpResponse<String> refused = useLink(browser, link);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("This link was for another address");
    assertThat(send(browser, get("/tasks")).statusCode()).isEqualTo(302);
  }

  @Test
  void anAddressWithoutAnAccountGetsTheSameAnswerAndNoMail() {
    String known = inviteVolunteer("Pat Known", "press-liaisons");
    String unknown = "nobody." + clientAddress + "@volunteer.test";
    HttpClient browser = browser();
    HttpResponse<String> forKnown = requestLink(browser, known, "/tasks");
    HttpResponse<String> forUnknown = requestLink(browser, unknown, "/tasks");
    assertThat(forUnknown.statusCode()).isEqualTo(forKnown.statusCode()).isEqualTo(303);
    assertThat(forUnknown.headers().firstValue("Location"))
        .isEqualTo(forKnown.headers().firstValue("Location"));
    String page = send(browser, get("/sign-in")).body();
    assertThat(page).contains("<strong>" + unknown + "</strong> belongs to an account here");
    signInLinkFor(known, Instant.now().minusSeconds(30));
    assertThat(signInMailsTo(unknown)).isZero();
  }

  @Test
  void oneAddressGetsAFewLinksAQuarterHourThenASentence() {
    String email = inviteVolunteer("Pat Many", "press-liaisons");
    HttpClient browser = browser();
    for (int i = 0; i < 3; i++) {
      assertThat(requestLink(browser, email, "/tasks").statusCode()).isEqualTo(303);
    }
    HttpResponse<String> fourth = requestLink(browser, email, "/tasks");
    assertThat(fourth.statusCode()).isEqualTo(429);
    assertThat(fourth.body()).contains("Email: we sent links to this address a few times already");
  }

  @Test
  void oneClientAskingTooOftenIsSlowedDown() {
    HttpClient browser = browser();
    int limited = 0;
    for (int i = 0; i < 21; i++) {
      if (send(browser, get("/sign-in")).statusCode() == 429) {
        limited++;
      }
    }
    assertThat(limited).isEqualTo(1);
    assertThat(send(browser, get("/sign-in")).body()).contains("try again in a minute");
  }

  @Test
  void aBadAddressIsNamedAndNothingIsSent() {
    HttpClient browser = browser();
    HttpResponse<String> bad = requestLink(browser, "not an address", "/tasks");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("Email: please enter your whole email address");
    assertThat(bad.body()).doesNotContain("Exception", "SELECT");
  }

  private HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  private HttpRequest get(String pathOrUrl) {
    return request(
            pathOrUrl.startsWith("http") ? pathOrUrl.substring(baseUrl().length()) : pathOrUrl,
            null)
        .GET()
        .build();
  }

  private HttpRequest post(String pathOrUrl, String form) {
    return request(
            pathOrUrl.startsWith("http") ? pathOrUrl.substring(baseUrl().length()) : pathOrUrl,
            null)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  private HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tokenIn(String page) {
    Matcher token = TOKEN.matcher(page);
    assertThat(token.find()).as(page).isTrue();
    return token.group(1);
  }

  /** The sign-in page's "Email me a sign-in link", as the browser posts it. */
  private HttpResponse<String> requestLink(HttpClient browser, String email, String returnTo) {
    String token = tokenIn(send(browser, get("/sign-in")).body());
    return send(
        browser,
        post(
            "/sign-in/link",
            "_csrf="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&returnTo="
                + URLEncoder.encode(returnTo, StandardCharsets.UTF_8)
                + "&email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8)));
  }

  private String askForLink(HttpClient browser, String email, String returnTo) {
    Instant asked = Instant.now();
    assertThat(requestLink(browser, email, returnTo).statusCode()).isEqualTo(303);
    return signInLinkFor(email, asked);
  }

  /** Opens the link's page and taps "Sign in" (posts its form with the page's token). */
  private HttpResponse<String> useLink(HttpClient browser, String link) {
    String token = tokenIn(send(browser, get(link)).body());
    return send(browser, post(link, "_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
  }
}
