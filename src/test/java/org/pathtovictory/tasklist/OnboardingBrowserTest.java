package org.pathtovictory.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Page;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole joining in Chromium: a group asks on {@code /join}, the organizer approves in Tasklist,
 * the invitation arrives by mail (a real SMTP server, GreenMail), the lead chooses a password
 * through its link and signs in to Tasklist.
 */
@TestPropertySource(
    properties = {
      "pathtovictory.notifications.dispatch=true",
      "pathtovictory.notifications.poll-interval=200ms"
    })
class OnboardingBrowserTest extends BrowserTestSupport {

  private static final Pattern INVITATION =
      Pattern.compile("Choose your password: (http\\S+/invitation/[A-Za-z0-9_-]+)");
  static final int SMTP_PORT = freePort();
  static final GreenMail SMTP = startSmtp();

  @Autowired TaskService taskService;

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @Test
  void aGroupAsksAnOrganizerApprovesAndTheInvitedLeadSignsIn() throws Exception {
    String slug = "ny23-" + UUID.randomUUID().toString().substring(0, 6);
    String email = "lead-" + slug + "@lead.pathtovictory.test";

    // the group asks on the public page
    Page join = newPage();
    join.navigate(baseUrl() + "/join");
    join.fill("#groupName", "Indivisible Elmira");
    join.fill("#groupSlug", slug);
    join.selectOption("#groupState", "NY");
    join.fill("#groupDistrict", "NY-23");
    join.selectOption("#organizationType", "UNINCORPORATED");
    join.fill("#leadName", "Jordan Rivera");
    join.fill("#leadEmail", email);
    screenshot(join, "join request");
    join.click("button[type=submit]");
    join.getByText("Thank you: your request is on its way").waitFor();

    // an organizer approves it in Tasklist
    Tasklist organizer = loginToTasklist("organizer");
    organizer.findAndClaim("My group's open tasks", "Review a local group's request to join");
    organizer.taskForm("review-join-request").fill("joinDecision", "APPROVE");
    organizer.screenshot("organizer approves the join request");
    organizer.clickComplete();
    waitFor(
        () ->
            taskService
                    .createTaskQuery()
                    .taskName("Review a local group's request to join")
                    .processVariableValueEquals("groupSlug", slug)
                    .count()
                == 0);

    // the invitation arrives by mail
    String text = waitForMailTo(email);
    Matcher link = INVITATION.matcher(text);
    assertThat(link.find()).as(text).isTrue();
    String url = link.group(1).replace("http://localhost:8080", baseUrl());
    Matcher user = Pattern.compile("Your user name is ([a-z0-9-]+)\\.").matcher(text);
    assertThat(user.find()).isTrue();
    String leadId = user.group(1);

    // the lead chooses a password through the link: a weak one is refused first
    Page invitation = newPage();
    invitation.navigate(url);
    invitation.fill("#password", "password");
    invitation.fill("#confirmation", "password");
    invitation.click("button[type=submit]");
    invitation.getByText("Your password is not set yet").waitFor();
    assertThat(invitation.content()).contains("capital letter");
    invitation.fill("#password", "Door-Knock-2026!");
    invitation.fill("#confirmation", "Door-Knock-2026!");
    screenshot(invitation, "the lead chooses a password");
    invitation.click("button[type=submit]");
    invitation.getByText("Your password is set").waitFor();

    // and signs in to Tasklist
    Tasklist lead = new Tasklist(newPage(), baseUrl(), this::screenshot);
    lead.login(leadId, "Door-Knock-2026!");
    lead.screenshot("the new lead in Tasklist");
  }

  private static String waitForMailTo(String address) throws Exception {
    Instant end = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(end)) {
      for (MimeMessage message : SMTP.getReceivedMessages()) {
        if (Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address))) {
          // multipart/alternative: the plain text first
          var parts = (jakarta.mail.internet.MimeMultipart) message.getContent();
          return parts.getBodyPart(0).getContent().toString();
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no mail to " + address + " within 60 s");
  }

  private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofSeconds(60));
    while (!done.getAsBoolean()) {
      assertThat(Instant.now()).as("waited 60 s").isBefore(end);
      Thread.sleep(200);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
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
