package org.pathtovictory.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pathtovictory.web.SecretTokens;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The unsubscribe link of a mail, used as a mail client (RFC 8058 one-click POST) and a person (the
 * page) would: no sign-in, no cookie, no CSRF token. Each test is a client of its own, named by the
 * trusted proxy header {@code X-Forwarded-For} (as behind a load balancer), so the per-address rate
 * limit of one test leaves the others alone.
 */
class UnsubscribeTest extends NotificationTestSupport {

  private static final AtomicInteger CLIENT = new AtomicInteger(10);

  @Autowired UnsubscribeLinks links;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String client = "198.51.100." + CLIENT.incrementAndGet();

  @Test
  void oneClickPostFromTheMailClientTurnsTheUsersMailOff() throws Exception {
    String token = tokenOfMailTo("t-ithaca-press1");
    // When the mail client posts the RFC 8058 body to the link
    HttpResponse<String> response = post(token, "List-Unsubscribe=One-Click");
    // Then the user's mail is off, and the answer says so
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("you will get no more task mail");
    assertThat(preferences.modeOf("t-ithaca-press1")).isEqualTo(NotificationMode.OFF);
    // and the next task mails nobody
    Task next = startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(5)));
    // nothing for them waits in the outbox, and the dispatcher has passed since the task began
    assertThat(outbox.forTask(next.getId())).noneMatch(m -> m.status().equals(MailOutbox.PENDING));
    awaitDispatcherPassedNow();
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void thePageShowsWhatTheLinkDoesAndChangesNothing() throws Exception {
    String token = tokenOfMailTo("t-ithaca-press1");
    HttpResponse<String> page = get(token);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body())
        .contains("<html", "lang=\"en\"", "<h1>Your Path to Victory mail</h1>")
        .contains("Right now you get <strong>a mail for each task</strong>")
        .contains("Stop all task mail", "Get one summary a day instead")
        .contains("<a href=\"/me\">Manage all your settings</a>")
        .doesNotContain("Get a mail for each task again");
    // the token never leaves for another site, the page is not framed or cached
    assertThat(page.headers().allValues("Referrer-Policy")).contains("no-referrer");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    assertThat(preferences.modeOf("t-ithaca-press1")).isEqualTo(NotificationMode.EACH);
  }

  @Test
  void thePagesFormSwitchesToTheDailyDigestAndBackToEveryMail() throws Exception {
    String token = tokenOfMailTo("t-ithaca-press1");
    HttpResponse<String> digest = post(token, "mode=DIGEST");
    assertThat(digest.statusCode()).isEqualTo(200);
    assertThat(digest.body())
        .contains("from now on you get one summary a day", "Get a mail for each task again");
    assertThat(preferences.modeOf("t-ithaca-press1")).isEqualTo(NotificationMode.DIGEST);
    // the way back
    HttpResponse<String> back = post(token, "mode=EACH");
    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(back.body()).contains("you get a mail for each task again");
    assertThat(preferences.modeOf("t-ithaca-press1")).isEqualTo(NotificationMode.EACH);
  }

  @Test
  void anUnknownChoiceOrNoChoiceIsRefusedWithASentenceAndChangesNothing() throws Exception {
    String token = tokenOfMailTo("t-ithaca-press1");
    HttpResponse<String> odd = post(token, "mode=SOMETIMES");
    assertThat(odd.statusCode()).isEqualTo(400);
    assertThat(odd.body())
        .contains("The choice (mode) must be OFF, DIGEST or EACH; nothing was changed.");
    HttpResponse<String> none = post(token, "");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.body()).contains("the form sent no choice");
    assertThat(preferences.modeOf("t-ithaca-press1")).isEqualTo(NotificationMode.EACH);
  }

  @Test
  void aWrongTokenIsNotFound() throws Exception {
    String wellFormed = "A".repeat(43);
    assertThat(get(wellFormed).statusCode()).isEqualTo(404);
    HttpResponse<String> refused = post(wellFormed, "List-Unsubscribe=One-Click");
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.body()).contains("This link does not work").doesNotContain("Exception");
    assertThat(get("not-a-token").statusCode()).isEqualTo(404);
    assertThat(post("x'%20OR%201=1", "mode=OFF").statusCode()).isEqualTo(404);
  }

  @Test
  void aRevokedTokenIsNotFound() throws Exception {
    String token = tokenOfMailTo("t-ithaca-press1");
    assertThat(get(token).statusCode()).isEqualTo(200);
    // an administrator withdraws the user's links (e.g. a mail was forwarded to a list)
    HttpResponse<String> revoked =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/admin/notifications/unsubscribe-links/t-ithaca-press1/revoke"))
                .header("Authorization", TaskNotificationTest.basic("t-admin", PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(post(token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
    assertThat(get(token).statusCode()).isEqualTo(404);
    assertThat(preferences.modeOf("t-ithaca-press1")).isEqualTo(NotificationMode.EACH);
  }

  @Test
  void anOldTokenIsNotFound() throws Exception {
    String token = tokenOfMailTo("t-ithaca-press1");
    // the link is older than unsubscribe-link-max-age (365 days)
    jdbc.update(
        "UPDATE ptv_unsubscribe_link SET created_at = ? WHERE token_hash = ?",
        Timestamp.from(Instant.now().minus(366, ChronoUnit.DAYS)),
        SecretTokens.hash(token));
    assertThat(post(token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
    assertThat(preferences.modeOf("t-ithaca-press1")).isEqualTo(NotificationMode.EACH);
  }

  @Test
  void theUsersNextMailCarriesTheSameTokenWithoutANewRow() throws Exception {
    String first = tokenOfMailTo("t-ithaca-press1");
    long rows = linksOf("t-ithaca-press1");
    String second = tokenOfMailTo("t-ithaca-press1");
    assertThat(second).isEqualTo(first);
    assertThat(linksOf("t-ithaca-press1")).isEqualTo(rows);
    assertThat(get(second).statusCode()).isEqualTo(200);
  }

  @Test
  void aRevokedTokenIsNotHandedOutAgain() throws Exception {
    String revoked = tokenOfMailTo("t-ithaca-press1");
    links.revokeAll("t-ithaca-press1");
    String next = tokenOfMailTo("t-ithaca-press1");
    assertThat(next).isNotEqualTo(revoked);
    assertThat(get(next).statusCode()).isEqualTo(200);
    assertThat(get(revoked).statusCode()).isEqualTo(404);
  }

  @Test
  void anOldTokenIsNotHandedOutAgain() throws Exception {
    String old = tokenOfMailTo("t-ithaca-press1");
    jdbc.update(
        "UPDATE ptv_unsubscribe_link SET created_at = ? WHERE token_hash = ?",
        Timestamp.from(Instant.now().minus(366, ChronoUnit.DAYS)),
        SecretTokens.hash(old));
    String next = tokenOfMailTo("t-ithaca-press1");
    assertThat(next).isNotEqualTo(old);
    assertThat(get(next).statusCode()).isEqualTo(200);
  }

  private long linksOf(String userId) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM ptv_unsubscribe_link WHERE user_id = ?", Long.class, userId);
  }

  @Test
  void oneAddressGuessingTokensIsSlowedDown() throws Exception {
    int ok = 0;
    int limited = 0;
    for (int i = 0; i < 25; i++) {
      int status = get("B".repeat(43)).statusCode();
      if (status == 404) {
        ok++;
      } else if (status == 429) {
        limited++;
      }
    }
    assertThat(ok).isEqualTo(20);
    assertThat(limited).isEqualTo(5);
    // another address is not affected
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(url("B".repeat(43))))
                        .header("X-Forwarded-For", "198.51.100.250")
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
  }

  private String tokenOfMailTo(String userId) throws Exception {
    startTask(ITHACA, PRESS, userId, due(TODAY.plusDays(3)));
    MimeMessage mail = mailsAfterSettling(1).get(0);
    smtp.purgeEmailFromAllMailboxes();
    Matcher matcher =
        MailHeadersTest.LIST_UNSUBSCRIBE.matcher(
            header(mail, "List-Unsubscribe").replaceAll("\\r?\\n\\s+", " "));
    assertThat(matcher.matches()).isTrue();
    return matcher.group(1);
  }

  private HttpResponse<String> get(String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url(token)))
            .header("X-Forwarded-For", client)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** As a mail client posts: a form body, no cookie, no CSRF token, no credentials. */
  private HttpResponse<String> post(String token, String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url(token)))
            .header("X-Forwarded-For", client)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String url(String token) {
    return "http://localhost:" + port + "/unsubscribe/" + token;
  }
}
