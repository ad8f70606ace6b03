package org.pathtovictory.tasklist;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.pathtovictory.Skips;
import org.pathtovictory.WebTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Base of the Tasklist suite: the whole application with the demo users on a random port, driven by
 * Playwright in the system's headless Chromium (Debian's {@code chromium}; Playwright downloads no
 * browser), launched when a test first opens a page. Without Chromium those tests fail in CI and
 * are skipped, loudly, elsewhere. The context is {@link WebTestSupport}'s.
 */
@Tag("browser")
public abstract class BrowserTestSupport extends WebTestSupport {

  /** Debian's Chromium; {@code -Dtasklist.chromium=...} points elsewhere. */
  static final Path CHROMIUM =
      Path.of(System.getProperty("tasklist.chromium", "/usr/bin/chromium"));

  static final Path SCREENSHOTS = Path.of("target", "tasklist-screenshots");
  private static final AtomicInteger STEP = new AtomicInteger();

  private static Playwright playwright;
  private static Browser browser;

  private final List<BrowserContext> contexts = new ArrayList<>();

  /**
   * Debian's Chromium under Playwright, launched when a test first needs a page: tests of this
   * suite that only speak HTTP run without it. Without Chromium a page-driving test is skipped and
   * says why ({@link Skips#because}); in CI it fails.
   */
  private static synchronized Browser browser() {
    if (!Files.isExecutable(CHROMIUM)) {
      Skips.because(
          "Tasklist browser tests need Chromium at "
              + CHROMIUM
              + " (apt-get install chromium; .ci/run installs it)");
    }
    if (playwright == null) {
      cleanScreenshots();
      playwright =
          Playwright.create(
              new Playwright.CreateOptions()
                  .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(CHROMIUM)
                      .setHeadless(true)
                      // CI runs as an unprivileged user without user namespaces
                      .setChromiumSandbox(false)
                      .setArgs(
                          List.of(
                              "--disable-gpu",
                              "--disable-dev-shm-usage",
                              "--no-first-run",
                              "--disable-background-networking",
                              "--disable-component-update",
                              "--disable-sync",
                              "--disable-quic")));
      // one Chromium for the whole suite, closed when the test JVM ends
      Runtime.getRuntime().addShutdownHook(new Thread(BrowserTestSupport::closeChromium));
    }
    return browser;
  }

  private static void cleanScreenshots() {
    try {
      Files.createDirectories(SCREENSHOTS);
      try (var old = Files.list(SCREENSHOTS)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized void closeChromium() {
    if (playwright != null) {
      playwright.close();
      playwright = null;
    }
  }

  @Autowired protected RuntimeService runtimeServiceOfSupport;
  @Autowired TaskService taskServiceOfSupport;

  @AfterEach
  protected void closeContexts() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
  }

  /** Each test leaves no campaign behind, so the next one finds only its own tasks. */
  @AfterEach
  protected void deleteCampaigns() {
    for (var instance :
        runtimeServiceOfSupport.createProcessInstanceQuery().rootProcessInstances().list()) {
      runtimeServiceOfSupport.deleteProcessInstance(
          instance.getId(), "browser test done", true, true, true);
    }
  }

  /**
   * Waits until Complete in Tasklist has ended the task (10 s at most); otherwise a screenshot and
   * an error with what Tasklist showed.
   */
  protected void waitUntilCompleted(Tasklist tasklist, Task task) {
    for (int i = 0; i < 100; i++) {
      if (taskServiceOfSupport.createTaskQuery().taskId(task.getId()).count() == 0) {
        return;
      }
      tasklist.page().waitForTimeout(100);
    }
    tasklist.screenshot(task.getName() + " NOT completed");
    throw new AssertionError(
        task.getName()
            + " ("
            + task.getTaskDefinitionKey()
            + ") was not completed: "
            + tasklist.errorNotifications()
            + " complete enabled="
            + tasklist.completeEnabled());
  }

  protected String baseUrl() {
    return "http://localhost:" + port;
  }

  /**
   * A fresh browser (own cookies) in which {@code user} is signed in to Tasklist, by the request
   * its sign-in page sends ({@link Tasklist#signIn}).
   */
  protected Tasklist loginToTasklist(String user) {
    Page page = newPage();
    Tasklist tasklist = new Tasklist(page, baseUrl(), this::screenshot);
    tasklist.signIn(user, PASSWORD);
    return tasklist;
  }

  protected Page newPage() {
    return newPage(new Browser.NewContextOptions().setViewportSize(1280, 900));
  }

  /** A fresh browser (own cookies) as a phone of this screen size shows pages: touch, mobile. */
  protected Page newPhonePage(int width, int height) {
    return newPage(phoneOptions(width, height));
  }

  /**
   * The same phone telling pages it is a phone browser (its user agent), as libraries that draw
   * their own phone widgets (flatpickr's date input) look at that.
   */
  protected Page newPhonePage(int width, int height, String userAgent) {
    return newPage(phoneOptions(width, height).setUserAgent(userAgent));
  }

  private static Browser.NewContextOptions phoneOptions(int width, int height) {
    return new Browser.NewContextOptions()
        .setViewportSize(width, height)
        .setIsMobile(true)
        .setHasTouch(true)
        .setDeviceScaleFactor(2);
  }

  private Page newPage(Browser.NewContextOptions options) {
    BrowserContext context = browser().newContext(options.setLocale("en-US"));
    // generous: CI shares two cores with the application, the build and, at times, other jobs;
    // a CI run once stalled more than 20 s on a Tasklist page that loads in one second here
    context.setDefaultTimeout(60_000);
    context.setDefaultNavigationTimeout(60_000);
    contexts.add(context);
    return context.newPage();
  }

  /** Saves what the volunteer sees as {@code target/tasklist-screenshots/NN-step-name.png}. */
  protected void screenshot(Page page, String step) {
    String name = String.format("%02d-%s.png", STEP.incrementAndGet(), slug(step));
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)));
  }

  private static String slug(String step) {
    return step.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
