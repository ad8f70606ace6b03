package org.pathtovictory.joint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pathtovictory.WebTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A district campaign led by ny24-ithaca with a2-indivisible as partner, walked over REST by each
 * task's role (HTTP Basic as the demo users), with the mails on a real SMTP server (GreenMail).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.profiles.active=test,demo",
      "pathtovictory.notifications.dispatch=true",
      "pathtovictory.notifications.poll-interval=100ms",
      "pathtovictory.notifications.initial-backoff=200ms",
      "pathtovictory.notifications.max-backoff=1s"
    })
class JointCampaignRestTest extends WebTestSupport {

  static final String ITHACA = "ny24-ithaca";
  static final String ANN_ARBOR = "a2-indivisible";
  static final String DOMAIN = "@demo.pathtovictory.test";
  static final ZoneId ZONE = ZoneId.of("America/New_York");

  static final int SMTP_PORT = freePort();
  static final GreenMail SMTP = startSmtp();

  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void smtpServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  // ------------------------------------------------------------------ the walk

  @Test
  void partnerGroupsVolunteersDoItsPartInItsOwnGroup() {
    String lead = startCampaign(ANN_ARBOR, 120);
    String partnerKey = businessKey(lead) + "/" + ANN_ARBOR;
    // a2-lead gets the confirmation in Ann Arbor's group, and a mail about it
    JsonNode confirm = task("a2-lead", partnerKey, "Task_ConfirmTakingPart");
    assertThat(confirm.path("tenantId").asText()).isEqualTo(ANN_ARBOR);
    awaitMail(
        "a2-lead",
        m ->
            subject(m).contains("Confirm that your group takes part")
                && body(m).contains(confirm.path("id").asText()));
    complete(
        "a2-lead",
        confirm,
        vars("takingPart", "YES", "organizationType", "UNINCORPORATED", "plannedSpending", false));
    // Ann Arbor's own compliance review: its lead acknowledges the firewall
    complete(
        "a2-lead",
        task("a2-lead", partnerKey, "Task_AcknowledgeFirewall"),
        vars("firewallAcknowledged", true));
    // the lead group plans its part
    complete(
        "ithaca-lead",
        task("ithaca-lead", businessKey(lead), "Task_AcknowledgeFirewall"),
        vars("firewallAcknowledged", true));
    holdKickoffAndPlan("ithaca-lead", businessKey(lead));
    // the sign-off waits for Ann Arbor's part
    assertThat(tasks("organizer", businessKey(lead), "Task_SignOffPlan")).isEmpty();
    holdKickoffAndPlan("a2-lead", partnerKey);
    executeJob(partnerKey, "ServiceTask_GivePartOfPlan");
    assertThat(tasks("organizer", businessKey(lead), "Task_SignOffPlan")).hasSize(1);
    // Ann Arbor goes on without waiting: commitments, its press release, voter contact
    complete(
        "a2-lead",
        task("a2-lead", partnerKey, "Task_RunCommitmentDrive"),
        vars("volunteersCommitted", 20L, "commitmentListLocation", "our sheet"));
    complete(
        "a2-press",
        task("a2-press", partnerKey, "Task_SendGroupPressRelease"),
        vars("pressReleaseSentDate", today().toString(), "outletsContacted", 4L));
    JsonNode canvassing = task("a2-canvass", partnerKey, "Task_OrganizeCanvassing");
    assertThat(canvassing.path("tenantId").asText()).isEqualTo(ANN_ARBOR);
    awaitMail(
        "a2-canvass",
        m ->
            subject(m).contains("Organize canvassing")
                && body(m).contains(canvassing.path("id").asText()));
    complete(
        "a2-canvass",
        canvassing,
        vars(
            "turfsCut", 6L, "canvassShiftsScheduled", 12L, "canvassStartDate", today().toString()));
    assertThat(tasks("a2-canvass", partnerKey, "Task_OrganizeCanvassing")).isEmpty();
    // the canvass lead of the lead group never saw Ann Arbor's step
    assertThat(tasks("ithaca-canvass", partnerKey, "Task_OrganizeCanvassing")).isEmpty();
  }

  @Test
  void neitherGroupReadsTheOthersStepsOrVariables() {
    String lead = startCampaign(ANN_ARBOR, 121);
    String partnerKey = businessKey(lead) + "/" + ANN_ARBOR;
    JsonNode confirm = task("a2-lead", partnerKey, "Task_ConfirmTakingPart");
    String partner = confirm.path("processInstanceId").asText();
    String leadTask =
        task("ithaca-lead", businessKey(lead), "Task_AcknowledgeFirewall").path("id").asText();
    // Ithaca's lead cannot read Ann Arbor's step or variables
    assertThat(get("/engine-rest/task/" + confirm.path("id").asText(), "ithaca-lead").statusCode())
        .isIn(403, 404);
    assertThat(
            get("/engine-rest/process-instance/" + partner + "/variables", "ithaca-lead")
                .statusCode())
        .isIn(403, 404);
    assertThat(tasks("ithaca-lead", partnerKey, null)).isEmpty();
    // and the reverse
    assertThat(get("/engine-rest/task/" + leadTask, "a2-lead").statusCode()).isIn(403, 404);
    assertThat(get("/engine-rest/process-instance/" + lead + "/variables", "a2-lead").statusCode())
        .isIn(403, 404);
    assertThat(tasks("a2-lead", businessKey(lead), null)).isEmpty();
  }

  // ------------------------------------------------------------------ partners that are out

  @Test
  void partnerThatDeclinesChangesNothingForTheLeadAndTheLeadGroupIsMailed() {
    String lead = startCampaign(ANN_ARBOR, 122);
    String partnerKey = businessKey(lead) + "/" + ANN_ARBOR;
    complete(
        "a2-lead", task("a2-lead", partnerKey, "Task_ConfirmTakingPart"), vars("takingPart", "NO"));
    executeJob(partnerKey, "ServiceTask_TellLeadNotTakingPart");
    assertThat(partnerInstance(partnerKey)).isNull();
    awaitMail(
        "ithaca-lead",
        m ->
            subject(m)
                    .equals(
                        "a2-indivisible does not take part in the campaign for Josh Riley (U.S. House)")
                && body(m).contains("answered that it does not take part"));
    // the lead's own steps are untouched, and its plan no longer waits
    assertThat(tasks("ithaca-lead", businessKey(lead), "Task_AcknowledgeFirewall")).hasSize(1);
    assertThat(runtimeService.getVariable(lead, "partnersStillPlanning")).isEqualTo("");
  }

  @Test
  void partnerThatNeverAnswersIsOutAndTheLeadGroupIsMailed() {
    String lead = startCampaign(ANN_ARBOR, 123);
    String partnerKey = businessKey(lead) + "/" + ANN_ARBOR;
    executeJob(partnerKey, "TimerEvent_NoAnswer");
    executeJob(partnerKey, "ServiceTask_TellLeadNotTakingPart");
    assertThat(partnerInstance(partnerKey)).isNull();
    awaitMail("ithaca-lead", m -> body(m).contains("did not answer within 5 days"));
    assertThat(tasks("ithaca-lead", businessKey(lead), "Task_AcknowledgeFirewall")).hasSize(1);
  }

  @Test
  void c3PartnerGoesToReviewAndGetsNoGroupSteps() {
    String lead = startCampaign(ANN_ARBOR, 124);
    String partnerKey = businessKey(lead) + "/" + ANN_ARBOR;
    complete(
        "a2-lead",
        task("a2-lead", partnerKey, "Task_ConfirmTakingPart"),
        vars("takingPart", "YES", "organizationType", "C3", "plannedSpending", false));
    JsonNode review = task("compliance", partnerKey, "Task_Review501c3Status");
    assertThat(review.path("tenantId").asText()).isEqualTo(ANN_ARBOR);
    complete("compliance", review, vars("c3Decision", "CONFIRMED"));
    complete(
        "a2-lead",
        task("a2-lead", partnerKey, "Task_ShareIndividualVolunteerGuidance"),
        vars("guidanceShared", true));
    executeJob(partnerKey, "ServiceTask_TellLeadNotTakingPart");
    assertThat(partnerInstance(partnerKey)).isNull();
    assertThat(tasks("a2-lead", partnerKey, "Task_HoldKickoffSession")).isEmpty();
    awaitMail("ithaca-lead", m -> body(m).contains("501(c)(3)"));
  }

  // ------------------------------------------------------------------ the result

  @Test
  void resultRecordedByTheLeadEndsThePartnersSteps() {
    String lead = startCampaign(ANN_ARBOR, 20);
    String partnerKey = businessKey(lead) + "/" + ANN_ARBOR;
    complete(
        "a2-lead",
        task("a2-lead", partnerKey, "Task_ConfirmTakingPart"),
        vars("takingPart", "YES", "organizationType", "UNINCORPORATED", "plannedSpending", false));
    complete(
        "a2-lead",
        task("a2-lead", partnerKey, "Task_AcknowledgeFirewall"),
        vars("firewallAcknowledged", true));
    assertThat(tasks("a2-lead", partnerKey, "Task_HoldKickoffSession")).hasSize(1);
    // the lead's election day is over (its timers fired)
    complete(
        "ithaca-lead",
        task("ithaca-lead", businessKey(lead), "Task_AcknowledgeFirewall"),
        vars("firewallAcknowledged", true));
    runtimeService
        .createProcessInstanceModification(lead)
        .cancelAllForActivity("Task_MakeQuickPlan")
        .startBeforeActivity("Task_RecordElectionResult")
        .execute();
    complete(
        "ithaca-lead",
        task("ithaca-lead", businessKey(lead), "Task_RecordElectionResult"),
        vars("electionResult", "WON"));
    // Ann Arbor's open step is gone, and it wraps up with its own volunteers
    assertThat(tasks("a2-lead", partnerKey, "Task_HoldKickoffSession")).isEmpty();
    assertThat(tasks("a2-lead", partnerKey, "Task_HoldDebrief")).hasSize(1);
    assertThat(tasks("a2-recruit", partnerKey, "Task_ThankVolunteers")).hasSize(1);
  }

  // ------------------------------------------------------------------ adding and letting go

  @Test
  void leadGroupsLeadAddsAPartnerGroup() {
    String lead = startCampaign("", 125);
    var added = post(partnersOf(lead), "ithaca-lead", "{\"group\": \"a2-indivisible\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(added.body()).contains("a2-indivisible");
    JsonNode confirm =
        task("a2-lead", businessKey(lead) + "/" + ANN_ARBOR, "Task_ConfirmTakingPart");
    assertThat(confirm.path("tenantId").asText()).isEqualTo(ANN_ARBOR);
    assertThat(runtimeService.getVariable(lead, "partnerGroups")).isEqualTo(ANN_ARBOR);
  }

  @Test
  void addingAnUnknownGroupIsRefused() {
    String lead = startCampaign("", 126);
    var refused = post(partnersOf(lead), "ithaca-lead", "{\"group\": \"nowhere-group\"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("group", "no local group 'nowhere-group'");
    assertThat(runtimeService.getVariable(lead, "partnerGroups")).isEqualTo("");
  }

  @Test
  void addingTheLeadGroupItselfIsRefused() {
    String lead = startCampaign("", 127);
    var refused = post(partnersOf(lead), "ithaca-lead", "{\"group\": \"ny24-ithaca\"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("leads this campaign");
  }

  @Test
  void addingAPartnerTwiceIsRefused() {
    String lead = startCampaign(ANN_ARBOR, 128);
    var refused = post(partnersOf(lead), "ithaca-lead", "{\"group\": \"a2-indivisible\"}");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("already a partner group");
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey(lead) + "/" + ANN_ARBOR)
                .count())
        .isEqualTo(1);
  }

  @Test
  void addingToAnEndedCampaignIsRefused() {
    String lead = startCampaign("", 129);
    runtimeService.deleteProcessInstance(lead, "test: the campaign ended");
    var refused = post(partnersOf(lead), "ithaca-lead", "{\"group\": \"a2-indivisible\"}");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("has ended");
  }

  @Test
  void nobodyElseMayAddAPartner() {
    String lead = startCampaign("", 130);
    var stranger = post(partnersOf(lead), "a2-lead", "{\"group\": \"a2-indivisible\"}");
    assertThat(stranger.statusCode()).isEqualTo(404);
    var volunteer = post(partnersOf(lead), "ithaca-canvass", "{\"group\": \"a2-indivisible\"}");
    assertThat(volunteer.statusCode()).isEqualTo(403);
    assertThat(volunteer.body()).contains("Only the lead group's leads");
    assertThat(runtimeService.getVariable(lead, "partnerGroups")).isEqualTo("");
  }

  @Test
  void leadGroupsLeadLetsAPartnerGo() {
    String lead = startCampaign(ANN_ARBOR, 131);
    String partnerKey = businessKey(lead) + "/" + ANN_ARBOR;
    assertThat(partnerInstance(partnerKey)).isNotNull();
    var removed = delete(partnersOf(lead) + "/" + ANN_ARBOR, "ithaca-lead");
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
    assertThat(partnerInstance(partnerKey)).isNull();
    assertThat(runtimeService.getVariable(lead, "partnersStillPlanning")).isEqualTo("");
    assertThat(tasks("ithaca-lead", businessKey(lead), "Task_AcknowledgeFirewall")).hasSize(1);
  }

  @Test
  void lettingGoOfAGroupThatIsNoPartnerIsRefused() {
    String lead = startCampaign("", 132);
    var refused = delete(partnersOf(lead) + "/" + ANN_ARBOR, "ithaca-lead");
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.body()).contains("is not a partner group");
  }

  // ------------------------------------------------------------------ helpers

  private String startCampaign(String partners, int daysToElection) {
    // each test has its own election day, so its campaign's business key is its own
    int day = daysToElection;
    Map<String, Object> intake = new LinkedHashMap<>();
    intake.put("candidateName", "Josh Riley");
    intake.put("office", "U.S. House");
    intake.put("race", "NY-24");
    intake.put("raceScope", "DISTRICT");
    intake.put("leadGroup", ITHACA);
    intake.put("partnerGroups", partners);
    intake.put("generalElectionDate", today().plusDays(day).toString());
    intake.put("organizationType", "UNINCORPORATED");
    intake.put("voterContactProgram", "CAMPAIGN");
    intake.put("plannedSpending", false);
    intake.put("organizerEmail", "organizer" + DOMAIN);
    var started =
        post(
            "/engine-rest/process-definition/key/post-endorsement/start",
            "ithaca-lead",
            "{\"variables\": " + variables(intake) + "}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    return read(started.body()).path("id").asText();
  }

  private String businessKey(String lead) {
    ProcessInstance instance =
        runtimeService.createProcessInstanceQuery().processInstanceId(lead).singleResult();
    return instance.getBusinessKey();
  }

  private ProcessInstance partnerInstance(String partnerKey) {
    return runtimeService
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(partnerKey)
        .processDefinitionKey("joint-campaign-partner")
        .singleResult();
  }

  private static String partnersOf(String lead) {
    return "/api/joint-campaigns/" + lead + "/partners";
  }

  private void holdKickoffAndPlan(String user, String businessKey) {
    complete(
        user,
        task(user, businessKey, "Task_HoldKickoffSession"),
        vars("kickoffDate", today().toString(), "kickoffAttendees", 25L));
    complete(
        user,
        task(user, businessKey, "Task_PlanTacticsAndTimeline"),
        vars(
            "voterContactProgram",
            "CAMPAIGN",
            "tacticCanvassing",
            true,
            "planSummary",
            "Canvass on weekends."));
  }

  /** The one open task of {@code key} the user sees in the campaign (or its called instances). */
  private JsonNode task(String user, String businessKey, String key) {
    List<JsonNode> found = tasks(user, businessKey, key);
    assertThat(found).as(user + " sees " + key + " of " + businessKey).hasSize(1);
    return found.get(0);
  }

  private List<JsonNode> tasks(String user, String businessKey, String key) {
    var response =
        get(
            "/engine-rest/task?processInstanceBusinessKey="
                + businessKey.replace("/", "%2F")
                + (key == null ? "" : "&taskDefinitionKey=" + key),
            user);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> list = new java.util.ArrayList<>();
    read(response.body()).forEach(list::add);
    return list;
  }

  private void complete(String user, JsonNode task, Map<String, Object> variables) {
    var done =
        post(
            "/engine-rest/task/" + task.path("id").asText() + "/complete",
            user,
            "{\"variables\": " + variables(variables) + "}");
    assertThat(done.statusCode())
        .as(user + " completes " + task + ": " + done.body())
        .isEqualTo(204);
  }

  private void executeJob(String businessKey, String activityId) {
    ProcessInstance instance =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(businessKey)
            .list()
            .stream()
            .filter(p -> p.getProcessDefinitionId().startsWith("joint-campaign-partner:"))
            .findFirst()
            .orElseThrow();
    Job job =
        managementService
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId(activityId)
            .singleResult();
    assertThat(job).as(activityId + " waits as a job").isNotNull();
    managementService.executeJob(job.getId());
  }

  private HttpResponse<String> delete(String path, String user) {
    return send(request(path, user).DELETE().build());
  }

  /** Waits until the demo user got a mail like this (the outbox sends after the commit). */
  private static void awaitMail(String user, Predicate<MimeMessage> like) {
    String address = user + DOMAIN;
    await().atMost(Duration.ofSeconds(30)).until(() -> received(address).stream().anyMatch(like));
  }

  private static List<MimeMessage> received(String address) {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().contains(address));
              } catch (jakarta.mail.MessagingException e) {
                return false;
              }
            })
        .toList();
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String body(MimeMessage message) {
    return GreenMailUtil.getBody(message).replaceAll("=\r?\n", "");
  }

  private static LocalDate today() {
    return LocalDate.now(ZONE);
  }

  private static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private String variables(Map<String, Object> values) {
    Map<String, Object> typed = new LinkedHashMap<>();
    values.forEach(
        (name, value) ->
            typed.put(
                name,
                Map.of(
                    "value",
                    value,
                    "type",
                    value instanceof Long
                        ? "Long"
                        : value instanceof Boolean ? "Boolean" : "String")));
    try {
      return json.writeValueAsString(typed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode read(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GreenMail startSmtp() {
    ServerSetup setup = new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp");
    setup.setServerStartupTimeout(15_000);
    GreenMail server = new GreenMail(setup);
    server.start();
    return server;
  }
}
