package org.pathtovictory.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A local run without a mail server still shows every mail (demo profile). Its own Spring context:
 * its catcher listens on a port of its own (below).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.profiles.active=test,demo"})
class DemoMailCatcherTest {

  @LocalServerPort int port;
  @Autowired JavaMailSender mailSender;
  @Autowired DemoMailCatcher catcher;

  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * A port of its own: other demo contexts of this test run hold the default 1025 with their own
   * catcher, and this test must see its catcher running.
   */
  static final int MAIL_PORT = freePort();

  @DynamicPropertySource
  static void mailPort(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> MAIL_PORT);
  }

  private static int freePort() {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void caughtMailsAreListedForLoggedInUsers() throws Exception {
    assertThat(page(null).statusCode()).isEqualTo(401);
    assertThat(catcher.isRunning()).as("the demo mail catcher listens on its port").isTrue();
    SimpleMailMessage mail = new SimpleMailMessage();
    mail.setFrom("noreply@pathtovictory.test");
    mail.setTo("ithaca-press@demo.pathtovictory.test");
    mail.setSubject("New task for you: <b>Draft</b> the press release");
    mail.setText("Open the task: http://localhost:8080/camunda/app/tasklist/default/#/?task=1");
    mailSender.send(mail);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> page("demo").body().contains("the press release"));
    String body = page("demo").body();
    assertThat(body)
        .contains("&lt;b&gt;Draft&lt;/b&gt; the press release")
        .contains("ithaca-press@demo.pathtovictory.test")
        .contains("Open the task: http://localhost:8080/camunda/app/tasklist/default/#/?task=1");
  }

  private HttpResponse<String> page(String user) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/demo/mails"));
    if (user != null) {
      request.header("Authorization", TaskNotificationTest.basic(user, "demo"));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
