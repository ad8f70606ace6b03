package org.pathtovictory.tasklist;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * axe-core (its npm package, or the copy frontend/build.mjs commits in src/test/resources/axe/) run
 * in a page with the WCAG 2.x A and AA rules, for every accessibility browser test.
 */
public final class Axe {

  private static final List<Path> SOURCES =
      List.of(
          Path.of("frontend", "node_modules", "axe-core", "axe.min.js"),
          Path.of("src", "test", "resources", "axe", "axe.min.js"));

  private Axe() {}

  /**
   * axe-core in every page this page's context opens from now on: as an init script, because the
   * pages' Content-Security-Policy (rightly) refuses an injected script tag.
   */
  public static void inEveryPage(Page page) {
    page.context().addInitScript(source());
  }

  /**
   * The serious and critical violations of the page as it is now, each as "rule: help at targets";
   * axe-core is evaluated through the driver first when {@link #inEveryPage} did not load it.
   */
  @SuppressWarnings("unchecked")
  public static List<String> seriousViolations(Page page) {
    if (!Boolean.TRUE.equals(page.evaluate("() => typeof axe !== 'undefined'"))) {
      page.evaluate(source());
    }
    return (List<String>)
        page.evaluate(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values:"
                + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n =>"
                + " n.target.join(' ')).join(', '))");
  }

  private static String source() {
    for (Path path : SOURCES) {
      if (Files.isReadable(path)) {
        try {
          return Files.readString(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new AssertionError("axe-core not found: run npm ci in frontend/");
  }
}
