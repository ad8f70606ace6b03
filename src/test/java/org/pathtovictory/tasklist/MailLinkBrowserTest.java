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
 * The link in a task mail, followed by a volunteer who is signed out: Tasklist asks them to sign in
 * and then shows that very task with its form, not the empty inbox.
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
    assertThat(url).endsWith("/camunda/app/tasklist/default/#/?task=" + taskId);

    // When the volunteer, signed out, follows the link in a new tab (of a browser that has shown
    // Tasklist before: a cold first load of its scripts on this shared machine is slow) and signs
    // in
    Page before = newPage();
    before.navigate(baseUrl() + "/camunda/app/tasklist/default/");
    before
        .getByPlaceholder("Username")
        .waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(90_000));
    Page page = before.context().newPage();
    page.navigate(url);
    try {
      page.getByPlaceholder("Username")
          .waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(60_000));
    } catch (RuntimeException e) {
      screenshot(page, "mail link without sign-in form");
      throw new AssertionError("no sign-in form at " + page.url() + ":\n" + page.content(), e);
    }
    screenshot(page, "mail link asks to sign in");
    SignInForm.submit(page, user, "demo");

    // Then Tasklist shows that task with its form
    page.locator(".task-details").getByText(task.getName()).first().waitFor();
    page.locator(".task-details .fjs-form").first().waitFor();
    screenshot(page, "mail link opens the task after sign in");
    assertThat(page.url()).contains("task=" + taskId);
  }
}
