package org.pathtovictory.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * {@code /tasks} over HTTP: a volunteer sees the tasks of their own local group and roles only, can
 * neither open, take nor add to their calendar another group's task, and a signed-out visitor is
 * sent to the sign-in page and back.
 */
class TasksPageTest extends PhoneTestSupport {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Test
  void oneGroupsTasksPageNeverShowsAnotherGroupsTask() {
    deployPressSteps();
    Task ithaca = startPressSteps(ITHACA, "Josh Riley");
    Task annArbor = startPressSteps(ANN_ARBOR, "Jane Doe");

    HttpClient ithacaPress = signedIn("ithaca-press");
    String page = fetch(ithacaPress, "/tasks").body();
    assertThat(page)
        .contains(ithaca.getId(), "Josh Riley · NY-24")
        .doesNotContain(annArbor.getId(), "Jane Doe");
    HttpResponse<String> foreign = fetch(ithacaPress, "/tasks/" + annArbor.getId());
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(foreign.body()).contains("This task is not in your list").doesNotContain("Jane Doe");
    assertThat(fetch(ithacaPress, "/tasks/" + annArbor.getId() + "/calendar.ics").statusCode())
        .isEqualTo(404);
    HttpResponse<String> take = take(ithacaPress, page, annArbor.getId());
    assertThat(take.statusCode()).isEqualTo(404);
    assertThat(taskService.createTaskQuery().taskId(annArbor.getId()).singleResult().getAssignee())
        .isNull();

    HttpClient a2Press = signedIn("a2-press");
    assertThat(fetch(a2Press, "/tasks").body())
        .contains(annArbor.getId())
        .doesNotContain(ithaca.getId(), "Josh Riley");
  }

  @Test
  void aVolunteerTakesATaskInOneTapAndAddsItToTheirCalendar() {
    deployPressSteps();
    Task ithaca = startPressSteps(ITHACA, "Josh Riley");
    HttpClient press = signedIn("ithaca-press");
    HttpResponse<String> taken = take(press, fetch(press, "/tasks").body(), ithaca.getId());
    assertThat(taken.statusCode()).isEqualTo(303);
    assertThat(taken.headers().firstValue("Location")).hasValue("/tasks/" + ithaca.getId());
    assertThat(taskService.createTaskQuery().taskId(ithaca.getId()).singleResult().getAssignee())
        .isEqualTo("ithaca-press");

    HttpResponse<String> ics = fetch(press, "/tasks/" + ithaca.getId() + "/calendar.ics");
    assertThat(ics.statusCode()).isEqualTo(200);
    assertThat(ics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/calendar"));
    assertThat(ics.body())
        .contains("BEGIN:VEVENT", "Send the press release", "/tasks/" + ithaca.getId())
        .containsOnlyOnce("BEGIN:VEVENT");
  }

  @Test
  void aSignedOutVisitorIsSentToSignInAndBack() {
    HttpResponse<String> answer = fetch(HttpClient.newHttpClient(), "/tasks/abc?x=1");
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location"))
        .hasValue("/sign-in?returnTo=%2Ftasks%2Fabc%3Fx%3D1");
  }

  private HttpClient signedIn(String user) {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    signInToTasklist(browser, user);
    return browser;
  }

  private HttpResponse<String> fetch(HttpClient browser, String path) {
    try {
      return browser.send(request(path, null).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> take(HttpClient browser, String page, String taskId) {
    Matcher token = CSRF.matcher(page);
    assertThat(token.find()).isTrue();
    try {
      return browser.send(
          request("/tasks/" + taskId + "/take", null)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "_csrf="
                          + java.net.URLEncoder.encode(
                              token.group(1), java.nio.charset.StandardCharsets.UTF_8)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
