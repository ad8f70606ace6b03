package org.pathtovictory.notification;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.pathtovictory.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, sending to a real SMTP server (GreenMail) on a free local
 * port, with short backoffs and a 1 s SMTP timeout so failures show quickly. The deadline scan does
 * not run by itself: tests call it with the engine clock where they want it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "pathtovictory.notifications.dispatch=true",
      "pathtovictory.notifications.poll-interval=100ms",
      "pathtovictory.notifications.initial-backoff=200ms",
      "pathtovictory.notifications.max-backoff=1s",
      "pathtovictory.notifications.max-attempts=30",
      "pathtovictory.notifications.scan-initial-delay=PT24H",
      "spring.mail.properties[mail.smtp.connectiontimeout]=" + NotificationTestSupport.SMTP_TIMEOUT,
      "spring.mail.properties[mail.smtp.timeout]=" + NotificationTestSupport.SMTP_TIMEOUT,
      "spring.mail.properties[mail.smtp.writetimeout]=" + NotificationTestSupport.SMTP_TIMEOUT
    })
abstract class NotificationTestSupport {

  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final LocalDate TODAY = ProcessTestSupport.TODAY;
  static final String ITHACA = ProcessTestSupport.ITHACA;
  static final String ANN_ARBOR = ProcessTestSupport.ANN_ARBOR;

  static final int SMTP_TIMEOUT = 1000;
  static final String PROCESS = "notification-test";
  static final String PASSWORD = "secret";
  static final String PRESS = "press-liaisons";
  static final String CANVASS = "canvass-leads";
  static final String LEADS = "group-leads";
  static final String NATIONAL = "national-endorsements";
  static final String ORGANIZERS = "indivisible-organizers";
  static final String ADMINS = org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN;
  static final String DOMAIN = "@test.pathtovictory.test";

  static final int SMTP_PORT = freePort();
  static GreenMail smtp = startSmtp();

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired RepositoryService repositoryService;
  @Autowired MailOutbox outbox;
  @Autowired NotificationPreferences preferences;
  @Autowired TaskNotifications notifications;
  @Autowired JdbcTemplate jdbc;
  @Autowired MailDispatcher dispatcher;

  @DynamicPropertySource
  static void smtpServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  static synchronized GreenMail startSmtp() {
    ServerSetup setup = new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp");
    // a loaded machine (and a port just released by a test) may need longer than the default 2 s
    setup.setServerStartupTimeout(15_000);
    GreenMail server = new GreenMail(setup);
    server.start();
    smtp = server;
    return server;
  }

  static synchronized void stopSmtp() {
    smtp.stop();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The volunteers of the tests: two local groups, national staff, one without an address. */
  /** "Today" by the engine clock, as in the process tests (mails go out by real time). */
  static void setToday(LocalDate day) {
    ClockUtil.setCurrentTime(dayAt(day, 9));
  }

  static Date dayAt(LocalDate day, int hour) {
    return Date.from(day.atTime(hour, 0).atZone(ZONE).toInstant());
  }

  @AfterEach
  void resetClockAndUser() {
    ClockUtil.reset();
    identityService.clearAuthentication();
  }

  /**
   * A test's mail ends with it: what is still in the outbox (e.g. retries to a server the test
   * stopped) is deleted, and a dispatcher pass lets a send already under way finish, so the next
   * test starts with none in flight.
   */
  @AfterEach
  void endThisTestsMail() {
    jdbc.update("DELETE FROM ptv_mail_outbox");
    awaitDispatcherPassedNow();
  }

  @BeforeEach
  void volunteersAndModel() throws Exception {
    setToday(TODAY);
    for (String tenant : new String[] {ITHACA, ANN_ARBOR}) {
      if (identityService.createTenantQuery().tenantId(tenant).count() == 0) {
        identityService.saveTenant(identityService.newTenant(tenant));
      }
    }
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count()
        == 0) {
      repositoryService
          .createDeployment()
          .addClasspathResource("notification/notification-test.bpmn")
          .addClasspathResource("notification/notification-test.form")
          .deploy();
    }
    // tasks of earlier tests are gone, so scans and digests see only this test's tasks
    runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS).list().stream()
        .map(instance -> instance.getId())
        .forEach(id -> runtimeService.deleteProcessInstance(id, "next test"));
    volunteer("t-ithaca-press1", PRESS, ITHACA, true);
    volunteer("t-ithaca-press2", PRESS, ITHACA, true);
    volunteer("t-ithaca-noemail", PRESS, ITHACA, false);
    volunteer("t-ithaca-canvass", CANVASS, ITHACA, true);
    volunteer("t-ithaca-lead", LEADS, ITHACA, true);
    volunteer("t-a2-press", PRESS, ANN_ARBOR, true);
    volunteer("t-a2-lead", LEADS, ANN_ARBOR, true);
    volunteer("t-organizer", ORGANIZERS, null, true);
    volunteer("t-national", NATIONAL, null, true);
    if (identityService.createGroupQuery().groupId(ADMINS).count() == 0) {
      identityService.saveGroup(identityService.newGroup(ADMINS));
    }
    volunteer("t-admin", ADMINS, null, true);
    for (User user : identityService.createUserQuery().list()) {
      preferences.setMode(user.getId(), NotificationMode.EACH);
    }
    if (!smtp.isRunning()) {
      startSmtp();
    }
    // test classes share this context (and its database): each test starts with no address
    // marked as bouncing and an empty outbox
    for (User user : identityService.createUserQuery().list()) {
      identityService.deleteUserInfo(user.getId(), MailBounces.ADDRESS_KEY);
      identityService.deleteUserInfo(user.getId(), MailBounces.REASON_KEY);
    }
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
    } catch (org.awaitility.core.ConditionTimeoutException stillInFlight) {
      throw new AssertionError(
          "This test starts with "
              + pending()
              + " mails still waiting to be sent (the set-up or an earlier test left them):"
              + " its own mails could not be told from them. "
              + outbox.all().stream()
                  .filter(m -> m.status().equals(MailOutbox.PENDING))
                  .map(m -> m.recipient() + " \"" + m.subject() + "\"")
                  .toList(),
          stillInFlight);
    }
    jdbc.update("DELETE FROM ptv_mail_outbox");
    awaitDispatcherPassedNow();
    smtp.purgeEmailFromAllMailboxes();
  }

  void volunteer(String userId, String groupId, String tenantId, boolean withEmail) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      User user = identityService.newUser(userId);
      String[] words = userId.split("-");
      user.setFirstName(words[words.length - 1]);
      user.setLastName("Test");
      user.setEmail(withEmail ? userId + DOMAIN : null);
      user.setPassword(PASSWORD);
      // a short test password: the password policy (identity.PasswordPolicyOn) is not under test
      ((org.camunda.bpm.engine.impl.IdentityServiceImpl) identityService).saveUser(user, true);
      identityService.createMembership(userId, groupId);
      if (tenantId != null) {
        identityService.createTenantUserMembership(tenantId, userId);
      }
    }
  }

  long pending() {
    return outbox.all().stream().filter(m -> m.status().equals(MailOutbox.PENDING)).count();
  }

  /** Starts the one-task process in a local group; returns its task. */
  Task startTask(String tenant, String candidateGroup, String assignee, Date due) {
    return startTask(tenant, candidateGroup, assignee, due, "Josh Riley");
  }

  Task startTask(
      String tenant, String candidateGroup, String assignee, Date due, String candidateName) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("leadGroup", tenant);
    vars.put("candidateGroup", candidateGroup);
    vars.put("assignee", assignee);
    vars.put("due", due);
    vars.put("candidateName", candidateName);
    vars.put("office", "U.S. House");
    vars.put("race", "NY-24");
    String instanceId = runtimeService.startProcessInstanceByKey(PROCESS, vars).getId();
    return taskService.createTaskQuery().processInstanceId(instanceId).singleResult();
  }

  Date due(LocalDate day) {
    return dayAt(day, 17);
  }

  /**
   * Waits until {@code count} mails arrived, then until the dispatcher has passed the point where
   * any further mail would have gone: what it returns is all there is.
   */
  List<MimeMessage> mailsAfterSettling(int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= count);
    awaitDispatcherPassedNow();
    return Arrays.asList(smtp.getReceivedMessages());
  }

  /**
   * Waits until a whole dispatcher cycle that started after this call has finished: every mail the
   * outbox held as due by now has then been sent (or its failure recorded). The proof a negative
   * check ("no mail was sent") waits for, instead of a pause.
   */
  void awaitDispatcherPassedNow() {
    long finished = dispatcher.cyclesFinished();
    dispatcher.wakeUp();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> dispatcher.cyclesFinished() >= finished + 2);
  }

  static String to(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String header(MimeMessage message, String name) {
    try {
      return message.getHeader(name)[0];
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String address(String userId) {
    return userId + DOMAIN;
  }
}
