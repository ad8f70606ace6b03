package org.pathtovictory.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The group lead records an endorsement through the intake start form in Tasklist. */
class IntakeStartFormBrowserTest extends BrowserTestSupport {

  /**
   * A name no other test of this shared context records, so counts by candidate are this test's.
   */
  static final String CANDIDATE = "Rosa Delgado";

  static final String PROCESS_NAME = "Post-endorsement campaign";
  static final String INTAKE_FORM = "endorsement-intake";
  static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/New_York"));

  @Autowired HistoryService historyService;

  @Test
  void groupLeadStartsAnEndorsementFromTheIntakeForm() {
    Tasklist lead = loginToTasklist("ithaca-lead");
    lead.screenshot("inbox after login");
    CamundaForm intake = lead.openStartForm(PROCESS_NAME, INTAKE_FORM);
    intake.assertEveryUnconditionalFieldRendered();
    intake.assertHidden("spendingDescription");
    lead.screenshot("intake start form");

    // Given nothing filled in, the form refuses to start and says which fields are required
    lead.clickStart();
    assertThat(intake.errorOf("candidateName")).isEqualTo("Field is required.");
    assertThat(intake.errorOf("generalElectionDate")).isEqualTo("Field is required.");
    assertThat(intake.errorOf("organizerEmail")).isEqualTo("Field is required.");
    assertThat(intake.errorOf("partnerGroups")).isEmpty();
    lead.screenshot("intake refuses an empty form");

    // When the lead mistypes the district and the organizer's email, the form says so
    fillValidIntake(intake, CANDIDATE, TODAY.plusDays(120));
    intake.fill("race", "NY 24").fill("organizerEmail", "organizer at indivisible");
    assertThat(intake.errorOf("race")).startsWith("Field must match pattern");
    assertThat(intake.errorOf("organizerEmail")).isEqualTo("Field must be a valid email.");
    assertThat(lead.startEnabled()).as("Start is disabled while the form is invalid").isFalse();
    lead.screenshot("intake shows invalid input");
    // planned spending brings up the description, which is then required
    intake.fill("race", "NY-24").fill("organizerEmail", "organizer@demo.pathtovictory.test");
    intake.fill("plannedSpending", true);
    intake.assertRendered("spendingDescription");
    lead.clickStart();
    assertThat(intake.errorOf("spendingDescription")).isEqualTo("Field is required.");
    lead.screenshot("intake asks what the money is for");
    assertThat(instancesOf(CANDIDATE)).isZero();

    // Then, completed, the endorsement is recorded with the contract's names and types
    intake.fill("spendingDescription", "Kick-off party and yard signs, about $400");
    assertThat(intake.errors()).isEmpty();
    lead.screenshot("intake filled in");
    lead.clickStart();
    lead.page()
        .locator(".modal-content")
        .waitFor(
            new com.microsoft.playwright.Locator.WaitForOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    lead.screenshot("endorsement recorded");

    HistoricProcessInstance instance = instanceOf(CANDIDATE);
    assertThat(instance.getBusinessKey()).isEqualTo("NY-24/ny24-ithaca/" + TODAY.plusDays(120));
    assertThat(instance.getTenantId()).isEqualTo("ny24-ithaca");
    Map<String, HistoricVariableInstance> variables = variablesOf(instance.getId());
    assertThat(variables.get("candidateName").getValue()).isEqualTo(CANDIDATE);
    assertThat(variables.get("raceScope").getValue()).isEqualTo("DISTRICT");
    assertThat(variables.get("organizationType").getValue()).isEqualTo("C4");
    assertThat(variables.get("voterContactProgram").getValue()).isEqualTo("INDIVISIBLE");
    assertThat(variables.get("plannedSpending").getTypeName()).isEqualTo("boolean");
    assertThat(variables.get("plannedSpending").getValue()).isEqualTo(true);
    assertThat(variables.get("spendingDescription").getValue())
        .isEqualTo("Kick-off party and yard signs, about $400");
    assertThat(variables.get("generalElectionDate").getTypeName()).isEqualTo("string");
    assertThat(variables.get("generalElectionDate").getValue())
        .isEqualTo(TODAY.plusDays(120).toString());
    assertThat(variables.get("endorsementDate").getValue()).isEqualTo(TODAY.toString());
    assertThat(variables.get("partnerGroups").getValue()).isEqualTo("a2-indivisible");
    assertThat(variables.get("organizerEmail").getValue())
        .isEqualTo("organizer@demo.pathtovictory.test");

    // and an administrator sees the new campaign in Cockpit
    com.microsoft.playwright.Page cockpit = newPage();
    com.microsoft.playwright.Locator diagram = cockpit.locator(".djs-container").first();
    for (int attempt = 1; ; attempt++) {
      // as in Tasklist's sign-in: tried again from a fresh page when it does not get through
      cockpit.navigate(baseUrl() + "/camunda/app/cockpit/default/");
      cockpit
          .locator("input[placeholder=Username], .navbar-brand, .app-banner, [cam-widget-header]")
          .first()
          .waitFor();
      try {
        if (cockpit.getByPlaceholder("Username").isVisible()) {
          SignInForm.submit(cockpit, "demo", "demo");
          cockpit
              .getByPlaceholder("Username")
              .waitFor(
                  new com.microsoft.playwright.Locator.WaitForOptions()
                      .setState(com.microsoft.playwright.options.WaitForSelectorState.HIDDEN)
                      .setTimeout(20_000));
        }
        cockpit.navigate(
            baseUrl()
                + "/camunda/app/cockpit/default/#/process-instance/"
                + instance.getId()
                + "/runtime");
        diagram.waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(30_000));
        break;
      } catch (com.microsoft.playwright.TimeoutError notShown) {
        screenshot(cockpit, "cockpit attempt " + attempt + " shows no diagram");
        if (attempt == 3) {
          throw notShown;
        }
      }
    }
    cockpit.waitForTimeout(1500);
    screenshot(cockpit, "demo cockpit shows the started campaign");
  }

  @Test
  void serverRefusalNamesTheFieldInTasklist() {
    Tasklist lead = loginToTasklist("ithaca-lead");
    CamundaForm intake = lead.openStartForm(PROCESS_NAME, INTAKE_FORM);
    // the browser cannot know that an election is over: the engine refuses it
    fillValidIntake(intake, "Tracy Mitrano", TODAY.minusYears(2));
    var answer =
        lead.page().waitForResponse(r -> r.url().endsWith("/submit-form"), lead::clickStart);
    // a refusal, not a server error: 400 from the webapp's engine API as from /engine-rest
    assertThat(answer.status()).isEqualTo(400);
    String refusal = lead.waitForErrorNotification();
    lead.screenshot("server refuses a past election");
    assertThat(refusal)
        .contains("The process could not be started")
        .contains("generalElectionDate")
        .contains("has already passed");
    assertThat(lead.startDialogOpen()).as("the lead can correct the form").isTrue();
    assertThat(instancesOf("Tracy Mitrano")).isZero();
  }

  @Test
  void markupInTheCandidatesNameIsRefusedWithTheSentenceInTasklist() {
    Tasklist lead = loginToTasklist("ithaca-lead");
    CamundaForm intake = lead.openStartForm(PROCESS_NAME, INTAKE_FORM);
    fillValidIntake(intake, "<img src=x onerror=alert(1)>Evil", TODAY.plusDays(120));
    var answer =
        lead.page().waitForResponse(r -> r.url().endsWith("/submit-form"), lead::clickStart);
    assertThat(answer.status()).isEqualTo(400);
    String refusal = lead.waitForErrorNotification();
    lead.screenshot("server refuses markup in the candidate's name");
    assertThat(refusal)
        .contains("The process could not be started")
        .contains("candidateName")
        .contains("must be plain text")
        .doesNotContain("Exception", "org.camunda");
    assertThat(lead.startDialogOpen()).as("the lead can correct the form").isTrue();
    assertThat(instancesOf("<img src=x onerror=alert(1)>Evil")).isZero();
  }

  static void fillValidIntake(CamundaForm intake, String candidate, LocalDate generalElection) {
    intake
        .fill("candidateName", candidate)
        .fill("office", "U.S. House")
        .fill("race", "NY-24")
        .fill("raceScope", "DISTRICT")
        .fill("leadGroup", "ny24-ithaca")
        .fill("partnerGroups", "a2-indivisible")
        .fill("endorsementDate", TODAY)
        .fill("generalElectionDate", generalElection)
        .fill("organizationType", "C4")
        .fill("voterContactProgram", "INDIVISIBLE")
        .fill("organizerEmail", "organizer@demo.pathtovictory.test");
  }

  long instancesOf(String candidate) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey("post-endorsement")
        .variableValueEquals("candidateName", candidate)
        .count();
  }

  HistoricProcessInstance instanceOf(String candidate) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey("post-endorsement")
        .variableValueEquals("candidateName", candidate)
        .singleResult();
  }

  Map<String, HistoricVariableInstance> variablesOf(String processInstanceId) {
    return historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId)
        .list()
        .stream()
        .collect(Collectors.toMap(HistoricVariableInstance::getName, v -> v, (a, b) -> a));
  }
}
