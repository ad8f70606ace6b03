package org.pathtovictory.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.Test;
import org.pathtovictory.tasklist.Axe;

/**
 * The phone pages fit a phone: no horizontal scrolling at 320 px on {@code /tasks} and on every
 * form in {@code forms/} (the date picker open where a form has one), no serious or critical axe
 * violation (WCAG 2.2 AA rules), an installable manifest, a service worker that activates and is
 * gone after sign-out, and the first load of a task page within 400 KB of compressed transfer.
 */
class PhoneLayoutBrowserTest extends PhoneTestSupport {

  static final long FIRST_LOAD_BUDGET = 400 * 1024;

  @Test
  void everyShippedFormFitsA320PixelScreenWithItsDatePickerOpen() {
    Map<String, String> forms = formIds();
    var start =
        Bpmn.createExecutableProcess("phone-every-form")
            .name("Every form")
            .camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Started")
            .name("Started")
            .parallelGateway("Gateway_Fork")
            .name("Every form");
    AbstractFlowNodeBuilder<?, ?> builder = start;
    int i = 0;
    for (Map.Entry<String, String> form : forms.entrySet()) {
      if (i > 0) {
        builder = builder.moveToNode("Gateway_Fork");
      }
      builder =
          builder
              .userTask("Task_Form" + i)
              .name(form.getKey())
              .camundaAssignee("ithaca-press")
              .camundaDueDate("2099-01-01T17:00:00")
              .camundaFormRef(form.getValue())
              .camundaFormRefBinding("latest")
              .endEvent("EndEvent_Form" + i)
              .name("Done");
      i++;
    }
    deploy(builder.done(), "phone-every-form.bpmn");
    ProcessInstance instance =
        runtimeServiceOfSupport.startProcessInstanceByKey(
            "phone-every-form", Map.of("leadGroup", ITHACA, "candidateName", "Josh Riley"));
    List<Task> tasks = taskService.createTaskQuery().processInstanceId(instance.getId()).list();
    assertThat(tasks).hasSize(forms.size());

    Page phone = phone(320, 640);
    signInWithPassword(phone, "ithaca-press");
    phone.navigate(baseUrl() + "/tasks");
    assertFitsWidth(phone, "/tasks with " + tasks.size() + " tasks");
    List<String> checked = new ArrayList<>();
    for (Task task : tasks) {
      phone.navigate(baseUrl() + "/tasks/" + task.getId());
      phone.locator("#task-form .fjs-form").waitFor();
      assertThat(phone.locator("#form-problem").isVisible())
          .as("%s: %s", task.getName(), phone.locator("#form-problem").innerText())
          .isFalse();
      assertFitsWidth(phone, task.getName());
      Locator date = phone.locator("#task-form .fjs-form-field-datetime input.fjs-input");
      if (date.count() > 0) {
        date.first().click();
        phone.locator(".flatpickr-calendar.open").waitFor();
        assertFitsWidth(phone, task.getName() + " with the date picker open");
        Object right =
            phone.evaluate(
                "() => document.querySelector('.flatpickr-calendar.open')"
                    + ".getBoundingClientRect().right");
        assertThat(((Number) right).doubleValue())
            .as("%s: the date picker stays on the screen", task.getName())
            .isLessThanOrEqualTo(320);
        phone.keyboard().press("Escape");
      }
      checked.add(task.getName());
    }
    assertThat(checked).containsExactlyInAnyOrderElementsOf(forms.keySet());
  }

  @Test
  void theTasksListATaskAndTheSignInPageHaveNoSeriousAccessibilityViolation() {
    deployPressSteps();
    Task first = startPressSteps(ITHACA, "Josh Riley");
    taskService.claim(first.getId(), "ithaca-press");
    startPressSteps(ITHACA, "Lena Hart");

    Page signIn = phone(390, 844);
    Axe.inEveryPage(signIn);
    signIn.navigate(baseUrl() + "/sign-in");
    assertThat(Axe.seriousViolations(signIn)).as("/sign-in").isEmpty();
    assertFitsWidth(signIn, "/sign-in at 390");

    Page phone = phone(390, 844);
    Axe.inEveryPage(phone);
    signInWithPassword(phone, "ithaca-press");
    phone.navigate(baseUrl() + "/tasks");
    assertThat(Axe.seriousViolations(phone)).as("/tasks").isEmpty();
    phone.navigate(baseUrl() + "/tasks/" + first.getId());
    phone.locator("#task-form .fjs-form").waitFor();
    assertThat(Axe.seriousViolations(phone)).as("the task page").isEmpty();
    assertTapTargets(phone);
  }

  @Test
  void theManifestParsesTheServiceWorkerActivatesAndSigningOutLeavesNothingCached() {
    Page phone = phone(390, 844);
    signInWithPassword(phone, "ithaca-press");
    phone.navigate(baseUrl() + "/tasks");
    String href = phone.locator("link[rel=manifest]").getAttribute("href");
    var manifest = phone.request().get(baseUrl() + href);
    assertThat(manifest.status()).isEqualTo(200);
    JsonNode json;
    try {
      json = JSON.readTree(manifest.text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(json.path("start_url").asText()).isEqualTo("/tasks");
    assertThat(json.path("display").asText()).isEqualTo("standalone");
    assertThat(json.path("name").asText()).isNotBlank();
    List<String> sizes = new ArrayList<>();
    for (JsonNode icon : json.path("icons")) {
      byte[] png = phone.request().get(baseUrl() + icon.path("src").asText()).body();
      BufferedImage image;
      try {
        image = ImageIO.read(new ByteArrayInputStream(png));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(icon.path("sizes").asText()).isEqualTo(image.getWidth() + "x" + image.getHeight());
      sizes.add(icon.path("sizes").asText());
    }
    assertThat(sizes).contains("192x192", "512x512");

    Object state =
        phone.evaluate(
            "() => navigator.serviceWorker.ready.then(r => new Promise(done => {"
                + " const w = r.active; if (w.state === 'activated') { done(w.state); return; }"
                + " w.addEventListener('statechange', () => w.state === 'activated' &&"
                + " done(w.state)); }))");
    assertThat(state).isEqualTo("activated");
    phone.waitForFunction(
        "() => caches.keys().then(k => k.includes('ptv-tasks-shell'))"
            + " && caches.open('ptv-tasks-shell').then(c => c.keys()).then(r => r.length > 0)");
    // only the shell is kept: no page, no API answer
    Object cached =
        phone.evaluate(
            "() => caches.open('ptv-tasks-shell').then(c => c.keys())"
                + ".then(rs => rs.map(r => new URL(r.url).pathname))");
    @SuppressWarnings("unchecked")
    List<String> paths = (List<String>) cached;
    assertThat(paths)
        .allMatch(p -> p.startsWith("/tasks-assets/") || p.startsWith("/tasks-shell/"));

    phone.getByText("Sign out").click();
    phone.waitForURL("**/sign-in");
    phone.waitForFunction(
        "() => Promise.all([caches.keys(), navigator.serviceWorker.getRegistrations()])"
            + ".then(([k, r]) => !k.includes('ptv-tasks-shell') && r.length === 0)");
    phone.navigate(baseUrl() + "/tasks");
    assertThat(phone.url()).contains("/sign-in");
  }

  @Test
  void theFirstLoadOfATaskPageStaysWithin400KilobytesAndARepeatVisitComesFromTheCache() {
    deployPressSteps();
    Task first = startPressSteps(ITHACA, "Josh Riley");
    taskService.claim(first.getId(), "ithaca-press");
    Page phone = phone(390, 844);
    signInWithPassword(phone, "ithaca-press");
    AtomicLong transferred = new AtomicLong();
    Map<String, Long> byUrl = new LinkedHashMap<>();
    phone.onRequestFinished(
        (Request r) -> {
          if (r.response() != null && r.response().fromServiceWorker()) {
            return;
          }
          var sizes = r.sizes();
          long bytes = sizes.responseBodySize + sizes.responseHeadersSize;
          transferred.addAndGet(bytes);
          byUrl.merge(r.url().replace(baseUrl(), ""), bytes, Long::sum);
        });
    phone.navigate(baseUrl() + "/tasks/" + first.getId());
    phone.locator("#task-form .fjs-form").waitFor();
    phone.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
    long firstLoad = transferred.get();
    System.out.println("PHONE first load of a task page: " + firstLoad + " bytes " + byUrl);
    assertThat(firstLoad).isLessThanOrEqualTo(FIRST_LOAD_BUDGET);

    phone.evaluate("() => navigator.serviceWorker.ready.then(() => true)");
    transferred.set(0);
    byUrl.clear();
    phone.navigate(baseUrl() + "/tasks/" + first.getId());
    phone.locator("#task-form .fjs-form").waitFor();
    phone.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
    long repeat = transferred.get();
    System.out.println("PHONE repeat visit of a task page: " + repeat + " bytes " + byUrl);
    assertThat(byUrl.keySet()).noneMatch(url -> url.startsWith("/tasks-assets/"));
  }

  @Test
  void aPhoneDateInputKeepsItsPlaceInTheKeyboardOrder() {
    deployPressSteps();
    Task first = startPressSteps(ITHACA, "Josh Riley");
    taskService.claim(first.getId(), "ithaca-press");
    Page phone = androidPhone(390, 844);
    Axe.inEveryPage(phone);
    signInWithPassword(phone, "ithaca-press");
    phone.navigate(baseUrl() + "/tasks/" + first.getId());
    // flatpickr draws its phone date input for a phone browser, with tabindex="1"
    phone.locator("#task-form input.flatpickr-mobile").first().waitFor();

    Object positive =
        phone.evaluate(
            "() => [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0)"
                + ".map(e => e.outerHTML.slice(0, 80))");
    assertThat((List<?>) positive).as("elements before the page's order").isEmpty();
    assertThat(Axe.seriousViolations(phone)).as("the task page on an Android phone").isEmpty();
  }

  @Test
  void theTaskPagePaintsItsTaskBeforeTheFormViewerArrives() {
    deployPressSteps();
    Task first = startPressSteps(ITHACA, "Josh Riley");
    taskService.claim(first.getId(), "ithaca-press");
    Page phone = phone(390, 844);
    signInWithPassword(phone, "ithaca-press");
    // the viewer's chunk is held back until the page has been checked
    List<com.microsoft.playwright.Route> held = new ArrayList<>();
    phone.route("**/tasks-assets/chunks/viewer-*", held::add);
    phone.navigate(baseUrl() + "/tasks/" + first.getId());
    phone.waitForCondition(() -> !held.isEmpty());

    assertThat(phone.locator("h1").textContent()).isEqualTo(first.getName());
    assertThat(phone.locator("#complete").isVisible()).isTrue();
    assertThat(phone.locator("#task-form .fjs-form").count()).isZero();
    Object painted =
        phone.evaluate("() => performance.getEntriesByName('first-contentful-paint').length > 0");
    assertThat(painted).as("first contentful paint while the viewer is held").isEqualTo(true);

    held.forEach(com.microsoft.playwright.Route::resume);
    phone.locator("#task-form .fjs-form").waitFor();
    phone.waitForCondition(() -> phone.locator("#complete").isEnabled());
  }

  /** Every visible link and button: at least 24 × 24; the primary buttons at least 44 high. */
  private static void assertTapTargets(Page page) {
    Object small =
        page.evaluate(
            "() => [...document.querySelectorAll('main a, main button, header a, header button,"
                + " main input, main select')].filter(e => e.offsetParent !== null)"
                + ".map(e => [e, e.getBoundingClientRect()])"
                + ".filter(([e, r]) => r.width < 24 || r.height < 24 ||"
                + " (e.classList.contains('primary') && r.height < 44))"
                + ".map(([e, r]) => e.outerHTML.slice(0, 80) + ' ' + r.width + 'x' + r.height)");
    assertThat((List<?>) small).as("tap targets below 24 px (44 for primary buttons)").isEmpty();
  }

  /** Form id of each file in forms/, by file name. */
  private static Map<String, String> formIds() {
    Map<String, String> ids = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        ids.put(file.getFileName().toString(), JSON.readTree(file.toFile()).path("id").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }
}
