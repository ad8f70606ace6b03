package org.pathtovictory.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathtovictory.tasklist.Axe;

/**
 * axe-core ({@link Axe}) finds no serious or critical WCAG 2.2 AA violation on the plan pages, and
 * they fit a 320 px wide phone.
 */
class PlanAccessibilityBrowserTest extends PlanBrowserSupport {

  @Test
  void thePlanListAndTheProcessEditorHaveNoSeriousViolations() {
    Page page = signedIn("organizer");
    page.navigate(baseUrl() + "/plan");
    assertThat(Axe.seriousViolations(page)).as("/plan").isEmpty();
    open(page, "/plan/post-endorsement");
    assertThat(Axe.seriousViolations(page)).as("/plan/post-endorsement").isEmpty();
  }

  @Test
  void thePlanPagesFitA320PixelScreenWithoutScrollingSideways() {
    Page page = signedIn("organizer");
    page.setViewportSize(320, 640);
    // the server-rendered list has no editor to wait for: its forms list is its last part
    page.navigate(baseUrl() + "/plan");
    page.locator("ul.forms li").first().waitFor();
    assertFitsTheScreen(page, "/plan");
    for (String path :
        List.of(
            "/plan/post-endorsement",
            "/plan/post-endorsement/versions",
            "/plan/decisions/planningTrack",
            "/plan/forms/plan-campaign")) {
      open(page, path);
      assertFitsTheScreen(page, path);
    }
  }

  @SuppressWarnings("unchecked")
  void assertFitsTheScreen(Page page, String path) {
    Map<String, Object> width =
        (Map<String, Object>)
            page.evaluate(
                "() => ({ scroll: document.documentElement.scrollWidth, view:"
                    + " document.documentElement.clientWidth, wider: [...document.body"
                    + ".querySelectorAll('*')].filter(e => e.getBoundingClientRect().right >"
                    + " document.documentElement.clientWidth).slice(-3).map(e => e.tagName + '.'"
                    + " + e.className + ' ' + (e.textContent || '').trim().slice(0, 40)) })");
    assertThat(((Number) width.get("scroll")).intValue())
        .as(path + " is wider than the screen: " + width.get("wider"))
        .isLessThanOrEqualTo(((Number) width.get("view")).intValue());
  }
}
