package org.pathtovictory.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.pathtovictory.endorsement.Intake;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * No value a volunteer typed turns into markup in someone else's form: the national team's task
 * form shows a local group's values as literal text, even values that hold HTML, entities, Markdown
 * links and images or script and data addresses (planted here past every input guard, as data from
 * an older version or a Java caller would be: the form does not rely on the guards).
 */
class MarkupShownAsTextBrowserTest extends BrowserTestSupport {

  static final Map<String, String> HOSTILE = new LinkedHashMap<>();

  static {
    HOSTILE.put("candidateName", "<img src=x onerror=alert(1)>Evil");
    HOSTILE.put("office", "[click me](javascript:alert(1)) **bold**");
    HOSTILE.put("race", "&lt;img src=x&gt; & {{organizerEmail}}");
    HOSTILE.put("nextElection", "![x](https://evil.example/p.png)");
    HOSTILE.put("nextElectionDate", "[verify your account](https://evil.example/login)");
    HOSTILE.put("gotvStartDate", "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">data</a> _x_");
  }

  @Autowired RuntimeService runtimeService;

  /**
   * The first page of a fresh application loads Tasklist's scripts cold, which on a busy CI machine
   * can take longer than a step's timeout: one more try then.
   */
  private Tasklist firstLogin(String user) {
    try {
      return loginToTasklist(user);
    } catch (com.microsoft.playwright.TimeoutError cold) {
      return loginToTasklist(user);
    }
  }

  @Test
  void theNationalTeamsFormShowsALocalGroupsValuesAsText() {
    ProcessInstance campaign =
        runtimeService.startProcessInstanceByKey(
            "post-endorsement",
            Intake.with(
                Intake.endorsementDaysBeforeElection(120),
                "generalElectionDate",
                LocalDate.now(ZoneId.of("America/New_York")).plusDays(120).toString()));
    HOSTILE.forEach((name, value) -> runtimeService.setVariable(campaign.getId(), name, value));

    Tasklist national = firstLogin("national");
    national.findAndClaim("My group's open tasks", "Send the $1,000 check");
    Locator form = national.page().locator(".task-details .fjs-form");
    Locator text = form.locator(".fjs-form-field-text");
    text.first().waitFor();
    national.screenshot("national team's form shows markup as text");

    String shown = text.allInnerTexts().toString();
    HOSTILE.values().forEach(value -> assertThat(shown).contains(value));
    assertThat(form.locator("img").count()).as("images in the form").isZero();
    assertThat(text.locator("a").count()).as("links in the text").isZero();
    // the form's own emphasis stays: the candidate's name is bold, as the form says
    assertThat(text.locator("strong").allInnerTexts())
        .containsExactly("<img src=x onerror=alert(1)>Evil");
  }
}
