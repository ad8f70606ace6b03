package org.pathtovictory.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.pathtovictory.tasklist.BrowserTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The phone pages' tests: the whole application with the demo identities, mail sent to a real SMTP
 * server (GreenMail), Chromium as a phone ({@link BrowserTestSupport#newPhonePage}). Every test
 * comes from its own client address (X-Forwarded-For from the local, trusted proxy), so the sign-in
 * pages' per-client limit counts each test alone. The sign-in link tests share this context.
 */
@TestPropertySource(
    properties = {
      "pathtovictory.notifications.dispatch=true",
      "pathtovictory.notifications.poll-interval=200ms"
    })
public abstract class PhoneTestSupport extends BrowserTestSupport {

  public static final String ITHACA = "ny24-ithaca";
  public static final String ANN_ARBOR = "a2-indivisible";
  public static final Pattern SIGN_IN_LINK =
      Pattern.compile("(http://localhost:8080)(/sign-in/link/[A-Za-z0-9_-]{20,})");

  static final ObjectMapper JSON = new ObjectMapper();
  static final int SMTP_PORT = freePort();
  protected static final GreenMail SMTP = startSmtp();
  private static final AtomicInteger CLIENT = new AtomicInteger(10);

  @Autowired protected RepositoryService repositoryService;
  @Autowired protected TaskService taskService;

  /** This test's client address. */
  protected String clientAddress;

  private Deployment deployment;

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @BeforeEach
  void newClientAddress() {
    clientAddress = "203.0.113." + CLIENT.incrementAndGet();
  }

  @AfterEach
  void undeployAndResetClock() {
    ClockUtil.reset();
    if (deployment != null) {
      repositoryService.deleteDeployment(deployment.getId(), true);
      deployment = null;
    }
  }

  @Override
  protected java.net.http.HttpRequest.Builder request(String path, String user) {
    return super.request(path, user).header("X-Forwarded-For", clientAddress);
  }

  /** A phone of this size, from this test's client address. */
  protected Page phone(int width, int height) {
    return watched(newPhonePage(width, height));
  }

  /** An Android phone's Chrome of this size (its user agent), from this test's client address. */
  protected Page androidPhone(int width, int height) {
    return watched(
        newPhonePage(
            width,
            height,
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Mobile Safari/537.36"));
  }

  private Page watched(Page page) {
    page.context().setExtraHTTPHeaders(Map.of("X-Forwarded-For", clientAddress));
    // what the page's scripts report shows up beside a failing test's output
    page.onConsoleMessage(m -> System.out.println("PHONE console " + m.type() + ": " + m.text()));
    page.onPageError(e -> System.out.println("PHONE page error: " + e));
    page.onResponse(
        r -> {
          if (r.status() >= 400) {
            System.out.println("PHONE " + r.status() + " " + r.url() + " " + r.text());
          }
        });
    return page;
  }

  /**
   * Signs a demo user in with their password, as Tasklist's sign-in page does, in the phone's
   * cookies (the password sign-in stays).
   */
  protected void signInWithPassword(Page page, String user) {
    page.request().get(baseUrl() + TASKLIST);
    String token =
        page.context().cookies().stream()
            .filter(c -> c.name.equals("XSRF-TOKEN"))
            .map(c -> c.value)
            .reduce((a, b) -> b)
            .orElseThrow();
    var answer =
        page.request()
            .post(
                baseUrl() + TASKLIST_SIGN_IN,
                RequestOptions.create()
                    .setHeader("X-XSRF-TOKEN", token)
                    .setHeader("Origin", baseUrl())
                    .setForm(
                        com.microsoft.playwright.options.FormData.create()
                            .set("username", user)
                            .set("password", PASSWORD)));
    assertThat(answer.status()).as("password sign-in of %s", user).isEqualTo(200);
  }

  /** A new volunteer of Ithaca, invited by the group's lead with these roles; their address. */
  protected String inviteVolunteer(String name, String role) {
    String email =
        name.toLowerCase().replace(' ', '.')
            + "."
            + UUID.randomUUID().toString().substring(0, 6)
            + "@volunteer.test";
    HttpResponse<String> invited =
        post(
            "/api/groups/" + ITHACA + "/members",
            "ithaca-lead",
            "{\"name\": \""
                + name
                + "\", \"email\": \""
                + email
                + "\", \"roles\": [\""
                + role
                + "\"]}");
    assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
    return email;
  }

  /** The user id of the account with this address. */
  protected String userOf(String email) {
    return identityService.createUserQuery().userEmail(email).singleResult().getId();
  }

  /** The newest sign-in link mailed to this address (waits up to 20 s for it), on this server. */
  protected String signInLinkFor(String email, Instant since) {
    long until = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < until) {
      List<MimeMessage> mails =
          new java.util.ArrayList<>(Arrays.asList(SMTP.getReceivedMessagesForDomain(email)));
      java.util.Collections.reverse(mails);
      for (MimeMessage mail : mails) {
        try {
          if (mail.getSentDate() != null
              && mail.getSentDate().toInstant().isBefore(since.minusSeconds(1))) {
            continue;
          }
          String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
          Matcher link = SIGN_IN_LINK.matcher(body);
          if (mail.getSubject().contains("sign-in link") && link.find()) {
            return baseUrl() + link.group(2);
          }
        } catch (jakarta.mail.MessagingException e) {
          throw new IllegalStateException(e);
        }
      }
      sleepBriefly();
    }
    throw new AssertionError("no sign-in link mailed to " + email);
  }

  /** How many sign-in mails this address received. */
  protected long signInMailsTo(String email) {
    return Arrays.stream(SMTP.getReceivedMessagesForDomain(email))
        .filter(
            m -> {
              try {
                return m.getSubject().contains("sign-in link");
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .count();
  }

  /** On the sign-in page: asks for a link to this address. */
  protected void askForLink(Page page, String email) {
    page.getByLabel("Email").fill(email);
    page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Email me a sign-in link"))
        .click();
    page.getByText("Check your mail").waitFor();
  }

  /** Deploys two steps for the press liaisons, shared by all groups, with real forms. */
  protected void deployPressSteps() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("phone-press-steps")
            .name("Press steps")
            .camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Started")
            .name("Started")
            .userTask("Task_SendPressRelease")
            .name("Send the press release")
            .documentation("Send the group's press release to your local papers and radio.")
            .camundaCandidateGroups("press-liaisons")
            .camundaFormRef("send-group-press-release")
            .camundaFormRefBinding("latest")
            .camundaDueDate("${dueSoon}")
            .userTask("Task_WriteLetters")
            .name("Write letters to the editor")
            .camundaCandidateGroups("press-liaisons")
            .camundaFormRef("write-letters-to-editor")
            .camundaFormRefBinding("latest")
            .camundaDueDate("2099-01-01T17:00:00")
            .endEvent("EndEvent_Done")
            .name("Done")
            .done();
    deploy(model, "phone-press-steps.bpmn");
  }

  protected void deploy(BpmnModelInstance model, String name) {
    deployment =
        repositoryService.createDeployment().addModelInstance(name, model).name(name).deploy();
  }

  /** Starts the press steps for a local group; the first task, open for its press liaisons. */
  protected Task startPressSteps(String group, String candidate) {
    ProcessInstance instance =
        runtimeServiceOfSupport.startProcessInstanceByKey(
            "phone-press-steps",
            Map.of(
                "leadGroup",
                group,
                "candidateName",
                candidate,
                "race",
                group.equals(ITHACA) ? "NY-24" : "MI-06",
                "dueSoon",
                java.util.Date.from(Instant.now().plus(Duration.ofDays(3)))));
    return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  /** No horizontal scrolling: the page is no wider than the screen. */
  protected static void assertFitsWidth(Page page, String what) {
    Object sizes =
        page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth,"
                + " document.body.scrollWidth]");
    @SuppressWarnings("unchecked")
    List<Number> s = (List<Number>) sizes;
    assertThat(Math.max(s.get(0).intValue(), s.get(2).intValue()))
        .as("%s: scrollWidth %s must not exceed the viewport's width %s", what, s, s.get(1))
        .isLessThanOrEqualTo(s.get(1).intValue());
  }

  /** Saves a phone screenshot for the volunteers' guide (docs/screenshots/). */
  protected static void guideScreenshot(Page page, String name) {
    try {
      Files.createDirectories(Path.of("docs", "screenshots"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("docs", "screenshots", name)));
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static GreenMail startSmtp() {
    ServerSetup setup = new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp");
    setup.setServerStartupTimeout(15_000);
    GreenMail server = new GreenMail(setup);
    server.start();
    return server;
  }
}
