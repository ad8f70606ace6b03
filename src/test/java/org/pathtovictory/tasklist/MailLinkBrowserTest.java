package org.pathtovictory.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pathtovictory.endorsement.Intake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The link in a task mail, followed by a volunteer who is signed out: it opens the phone task page
 * ({@code /tasks/{taskId}}), whose sign-in page offers the password sign-in (Tasklist's); after it
 * the volunteer is back on that very task, which also offers "Open in Tasklist".
 */
class MailLinkBrowserTest extends BrowserTestSupport {

  private static final Pattern OPEN_LINK = Pattern.compile("Open the task: (\\S+)");

  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService taskService;

  @Test
  void theMailsLinkFollowedWhileSignedOutEndsOnTheTaskAfterSignIn() {
    // Given a campaign whose first tasks were mailed to their people
    // (the browser works by the real clock: the election is 120 days from today)
    runtimeServiceOfSupport.startProcessInstanceByKey(
        "post-endorsement",
        Intake.with(
            Intake.endorsementDaysBeforeElection(120),
            "generalElectionDate",
            LocalDate.now(ZoneId.of("America/New_York")).plusDays(120).toString()));
    List<Map<String, Object>> mails =
        jdbc
            .queryForList(
                "SELECT task_id, user_id, text_body FROM ptv_mail_outbox"
                    + " WHERE kind = 'NEW' AND text_body IS NOT NULL ORDER BY created_at")
            .stream()
            // the outbox keeps the mails of earlier tests in this context: only open tasks count
            .filter(
                m -> taskService.createTaskQuery().taskId((String) m.get("task_id")).count() > 0)
            .toList();
    assertThat(mails).isNotEmpty();
    Map<String, Object> mail = mails.get(0);
    String taskId = (String) mail.get("task_id");
    String user = (String) mail.get("user_id");
    Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
    Matcher link = OPEN_LINK.matcher((String) mail.get("text_body"));
    assertThat(link.find()).isTrue();
    // the mail names the public address; this test's server listens on a random port
    String url = link.group(1).replace("http://localhost:8080", baseUrl());
    assertThat(url).endsWith("/tasks/" + taskId);

    // When the volunteer, signed out, follows the link and signs in with their password
    Page page = newPage();
    page.navigate(url);
    assertThat(page.url()).contains("/sign-in?returnTo=%2Ftasks%2F" + taskId);
    screenshot(page, "mail link asks to sign in");
    page.getByText("Sign in with your password").click();
    page.getByPlaceholder("Username")
        .waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(90_000));
    SignInForm.submit(page, user, "demo");

    // Then they are back on that task, which also opens in Tasklist for a desk
    page.waitForURL("**/tasks/" + taskId);
    assertThat(page.locator("h1").innerText()).isEqualTo(task.getName());
    screenshot(page, "mail link opens the task after sign in");
    assertThat(page.getByText("Open in Tasklist").getAttribute("href"))
        .isEqualTo("/camunda/app/tasklist/default/#/?task=" + taskId);
  }
}
