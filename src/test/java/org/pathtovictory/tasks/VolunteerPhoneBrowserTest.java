package org.pathtovictory.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A volunteer on a phone (390 × 844): from the sign-in link in their mail to a completed task and
 * the next one, without a password and without a Tasklist screen; and what they see when someone
 * else completed the task meanwhile, or when the server refuses a value.
 */
class VolunteerPhoneBrowserTest extends PhoneTestSupport {

  @Test
  void anInvitedVolunteerSignsInByLinkTakesATaskCompletesItAndSeesTheNextOne() {
    // Given a volunteer whom the Ithaca lead invited as press liaison (no password set, ever)
    // and a campaign step waiting for Ithaca's press liaisons
    String email = inviteVolunteer("Robin Press", "press-liaisons");
    deployPressSteps();
    Task first = startPressSteps(ITHACA, "Josh Riley");
    Instant started = Instant.now();

    // When they open their tasks on the phone, they are asked to sign in and ask for a link
    Page phone = phone(390, 844);
    phone.navigate(baseUrl() + "/tasks");
    assertThat(phone.url()).contains("/sign-in?returnTo=%2Ftasks");
    guideScreenshot(phone, "phone-sign-in.png");
    askForLink(phone, email);
    assertThat(phone.locator(".sent").innerText()).contains(email);

    // and open the link from the mail and tap "Sign in"
    phone.navigate(signInLinkFor(email, started));
    phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

    // Then "For my roles" lists the step, with its campaign and when it is due
    phone.waitForURL("**/tasks");
    Locator card = phone.locator("li.card[data-task='" + first.getId() + "']");
    assertThat(card.innerText())
        .contains("Send the press release", "Josh Riley · NY-24", "due in 3 days");
    guideScreenshot(phone, "phone-my-tasks.png");

    // When they take it in one tap and fill in the form
    card.getByRole(AriaRole.BUTTON).click();
    phone.waitForURL("**/tasks/" + first.getId());
    assertThat(phone.locator(".guidance").innerText()).contains("local papers and radio");
    Locator date = phone.locator("#task-form input.fjs-input").first();
    date.click();
    phone.locator(".flatpickr-calendar.open .flatpickr-day.today").click();
    phone.getByLabel("How many outlets did you send it to?").fill("4");
    phone.getByLabel("Link to the press release (optional)").fill("https://ithaca.example/press");
    guideScreenshot(phone, "phone-task.png");
    phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete")).click();

    // Then the task is done with their values, and the next step is in their list
    phone.waitForURL("**/tasks?done=" + first.getId());
    assertThat(phone.getByRole(AriaRole.STATUS).innerText()).contains("Done, thank you!");
    Task next =
        taskService
            .createTaskQuery()
            .processInstanceId(first.getProcessInstanceId())
            .singleResult();
    assertThat(next.getName()).isEqualTo("Write letters to the editor");
    assertThat(phone.locator("li.card[data-task='" + next.getId() + "']").innerText())
        .contains("Write letters to the editor");
    var values =
        processEngine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(first.getProcessInstanceId())
            .variableName("outletsContacted")
            .singleResult();
    assertThat(((Number) values.getValue()).longValue()).isEqualTo(4L);
    System.out.println(
        "PHONE WALK: from asking for a link to the next task in "
            + Duration.between(started, Instant.now()).toSeconds()
            + " s");
  }

  @Test
  void aTaskCompletedOnAnotherDeviceMeanwhileShowsTheSentenceNotAnError() {
    deployPressSteps();
    Task first = startPressSteps(ITHACA, "Josh Riley");
    taskService.claim(first.getId(), "ithaca-press");
    Page phone = phone(390, 844);
    signInWithPassword(phone, "ithaca-press");
    phone.navigate(baseUrl() + "/tasks/" + first.getId());
    phone.getByLabel("How many outlets did you send it to?").fill("2");
    Locator date = phone.locator("#task-form input.fjs-input").first();
    date.click();
    phone.locator(".flatpickr-calendar.open .flatpickr-day.today").click();

    // meanwhile, on the computer, the same volunteer completes it in Tasklist
    processEngine
        .getIdentityService()
        .setAuthentication(
            "ithaca-press", java.util.List.of("press-liaisons"), java.util.List.of(ITHACA));
    taskService.complete(
        first.getId(),
        java.util.Map.of("pressReleaseSentDate", "2026-01-01", "outletsContacted", 2L));
    processEngine.getIdentityService().clearAuthentication();

    phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete")).click();
    Locator problem = phone.locator("#form-problem");
    problem.waitFor();
    assertThat(problem.innerText()).startsWith("This task was already completed by");
    assertThat(problem.innerText()).doesNotContain("Exception", "500", "error");

    // and opening it again says the same, as a page, not an error
    phone.navigate(baseUrl() + "/tasks/" + first.getId());
    assertThat(phone.locator("main").innerText())
        .contains("This task is done", "This task was already completed by");
  }

  @Test
  void aValueTheServerRefusesIsNamedBesideItsFieldAndWhatWasTypedStays() {
    deployPressSteps();
    Task first = startPressSteps(ITHACA, "Josh Riley");
    taskService.claim(first.getId(), "ithaca-press");
    Page phone = phone(390, 844);
    signInWithPassword(phone, "ithaca-press");
    phone.navigate(baseUrl() + "/tasks/" + first.getId());
    Locator date = phone.locator("#task-form input.fjs-input").first();
    date.click();
    phone.locator(".flatpickr-calendar.open .flatpickr-day.today").click();
    phone.getByLabel("How many outlets did you send it to?").fill("3");
    // the form's own pattern lets it through; the server refuses markup in any text
    Locator url = phone.getByLabel("Link to the press release (optional)");
    url.fill("https://ithaca.example/<img>");
    phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete")).click();

    Locator beside = phone.locator(".fjs-form-field .field-problem");
    beside.waitFor();
    assertThat(beside.innerText()).isNotBlank();
    assertThat(url.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(url.inputValue()).isEqualTo("https://ithaca.example/<img>");
    assertThat(phone.getByLabel("How many outlets did you send it to?").inputValue())
        .isEqualTo("3");
    assertThat(taskService.createTaskQuery().taskId(first.getId()).count()).isEqualTo(1);
  }
}
