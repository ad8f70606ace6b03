package org.pathtovictory.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * axe-core (the copy frontend/build.mjs commits in src/test/resources/axe/) finds no serious or
 * critical WCAG 2.2 AA violation on the plan pages, and they fit a 320 px wide phone.
 */
class PlanAccessibilityBrowserTest extends PlanBrowserSupport {

  static final Path AXE = Path.of("src/test/resources/axe/axe.min.js");

  static String axeSource() {
    try {
      return Files.readString(AXE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  List<String> seriousViolations(Page page) {
    // evaluated through the driver, as the pages' Content-Security-Policy refuses inline scripts
    page.evaluate(axeSource());
    Object found =
        page.evaluate(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values:"
                + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n =>"
                + " n.target.join(' ')).join(', '))");
    return (List<String>) found;
  }

  @Test
  void thePlanListAndTheProcessEditorHaveNoSeriousViolations() {
    Page page = signedIn("organizer");
    page.navigate(baseUrl() + "/plan");
    assertThat(seriousViolations(page)).as("/plan").isEmpty();
    open(page, "/plan/post-endorsement");
    assertThat(seriousViolations(page)).as("/plan/post-endorsement").isEmpty();
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
