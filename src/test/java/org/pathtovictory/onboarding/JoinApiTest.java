package org.pathtovictory.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.pathtovictory.endorsement.Intake;
import org.pathtovictory.identity.CampaignRole;

/**
 * A local group joins over HTTP: the request on {@code /join}, the organizer's decision in the
 * {@code group-onboarding} process, the invitation mailed to the lead, the password chosen through
 * its link, the new lead's first campaign; and every refusal on the way.
 */
class JoinApiTest extends OnboardingTestSupport {

  @Test
  void aGroupGoesFromItsRequestToItsFirstCampaignWithoutAnAdministrator() {
    String slug = unique("ny23-elmira");
    String instance = requestToJoin(slug);
    // the organizer approves in Tasklist (here: the same REST call Tasklist makes)
    HttpResponse<String> approved = decide(instance, "APPROVE", null);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);

    // the tenant, its lead and the national roles' memberships exist at once
    assertThat(groups.exists(slug)).isTrue();
    String lead = identityService.createUserQuery().memberOfTenant(slug).singleResult().getId();
    assertThat(groups.roles(lead)).containsExactly(CampaignRole.GROUP_LEAD);
    for (CampaignRole national : CampaignRole.nationalRoles()) {
      assertThat(
              identityService
                  .createTenantQuery()
                  .groupMember(national.groupId())
                  .tenantId(slug)
                  .count())
          .isEqualTo(1);
    }
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count())
        .isZero();

    // the invitation mail: a link that sets a password meeting the policy
    String mail = mailTo(slug + "@lead.pathtovictory.test");
    assertThat(mail).contains("Your user name is " + lead).contains("Choose your password");
    String link = linkIn(mail);
    assertThat(link).startsWith("/invitation/");
    HttpResponse<String> accepted =
        postJson(link, null, Map.of("password", STRONG, "confirmation", STRONG));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(json(accepted).path("userId").asText()).isEqualTo(lead);
    assertThat(identityService.checkPassword(lead, STRONG)).isTrue();

    // the new lead signs in to the REST API and starts the group's first campaign
    HttpResponse<String> tasks =
        send(
            HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + port + "/engine-rest/task"))
                .header("Authorization", basic(lead, STRONG))
                .build());
    assertThat(tasks.statusCode()).isEqualTo(200);
    ProcessInstance campaign = startCampaignAs(lead, slug);
    assertThat(campaign.getTenantId()).isEqualTo(slug);
    // national roles see the new group's tasks without a restart
    HttpResponse<String> organizerTasks =
        get("/engine-rest/task/count?tenantIdIn=" + slug, "organizer");
    assertThat(json(organizerTasks).path("count").asInt()).isPositive();
    // and the audit log says who created the group and invited its lead
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM ptv_group_audit WHERE tenant_id = ? ORDER BY at",
                String.class,
                slug))
        .contains("GROUP_CREATED", "INVITED", "INVITATION_ACCEPTED");
  }

  @Test
  void aWebNameThatExistsIsRefusedNamingTheField() {
    Trace before = trace("ny24-ithaca@lead.pathtovictory.test");
    HttpResponse<String> answer = postJson("/join", null, request("ny24-ithaca"));
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(fields(answer)).containsExactly("groupSlug");
    assertThat(answer.body()).contains("already taken by another group");
    assertNothingLeftBehind(before, "ny24-ithaca");
  }

  @Test
  void aWebNameAlreadyAskedForIsRefused() {
    String slug = unique("pending");
    requestToJoin(slug);
    Map<String, Object> second = new HashMap<>(request(slug));
    second.put("leadEmail", "someone-else@lead.pathtovictory.test");
    Trace before = trace("someone-else@lead.pathtovictory.test");
    HttpResponse<String> answer = postJson("/join", null, second);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(fields(answer)).containsExactly("groupSlug");
    assertThat(answer.body()).contains("waiting for review");
    // the first request stays the only one for this web name
    assertThat(joinRequests(slug)).isEqualTo(1);
    assertThat(processInstances()).isEqualTo(before.instances());
    assertThat(mailsTo(before.address())).isEqualTo(before.mails());
  }

  @Test
  void badValuesAreRefusedFieldByFieldAndNothingStarts() {
    long before =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey("group-onboarding")
            .count();
    Map<String, Object> bad = new HashMap<>(request(unique("bad")));
    bad.put("groupSlug", "Not A Slug!");
    bad.put("groupState", "XX");
    bad.put("leadEmail", "not-an-address");
    bad.put("organizationType", "CHURCH");
    HttpResponse<String> answer = postJson("/join", null, bad);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(fields(answer))
        .containsExactlyInAnyOrder("groupSlug", "groupState", "leadEmail", "organizationType");
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("org.");
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("group-onboarding")
                .count())
        .isEqualTo(before);
  }

  @Test
  void anAddressThatHasAnAccountIsRefused() {
    Map<String, Object> taken = new HashMap<>(request(unique("taken")));
    taken.put("leadEmail", "ithaca-lead@demo.pathtovictory.test");
    Trace before = trace("ithaca-lead@demo.pathtovictory.test");
    HttpResponse<String> answer = postJson("/join", null, taken);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(fields(answer)).containsExactly("leadEmail");
    assertNothingLeftBehind(before, (String) taken.get("groupSlug"));
  }

  @Test
  void declineNeedsAReasonAndMailsIt() {
    String slug = unique("declined");
    String instance = requestToJoin(slug);
    HttpResponse<String> noReason = decide(instance, "DECLINE", null);
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("joinDecisionNote");
    assertThat(taskService.createTaskQuery().processInstanceId(instance).count()).isEqualTo(1);

    assertThat(decide(instance, "DECLINE", "We have a group in Ithaca already").statusCode())
        .isEqualTo(204);
    assertThat(groups.exists(slug)).isFalse();
    assertThat(mailTo(slug + "@lead.pathtovictory.test"))
        .contains("could not approve it")
        .contains("We have a group in Ithaca already");
  }

  @Test
  void askingForChangesSendsALinkAndTheChangedRequestComesBackForReview() {
    String slug = unique("changes");
    String instance = requestToJoin(slug);
    assertThat(decide(instance, "CHANGES", "Please give your district").statusCode())
        .isEqualTo(204);
    String mail = mailTo(slug + "@lead.pathtovictory.test");
    assertThat(mail).contains("Please give your district");
    String link = linkIn(mail);
    assertThat(link).startsWith("/join/changes/");

    // the form is filled with the request as it was, and says what to change
    HttpResponse<String> page = get(link, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Please give your district")
        .contains("value=\"" + slug + "\"");

    // the changed request goes back to the organizers' inbox with its new values
    String csrf = csrfOf(page);
    HttpResponse<String> sent =
        postForm(
            link,
            page,
            Map.of(
                "_csrf", csrf,
                "groupName", "Indivisible Southern Tier",
                "groupSlug", slug,
                "groupState", "NY",
                "groupDistrict", "NY-23",
                "organizationType", "C4",
                "leadName", "Jordan Rivera",
                "leadEmail", slug + "@lead.pathtovictory.test"));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(taskService.createTaskQuery().processInstanceId(instance).singleResult().getName())
        .isEqualTo("Review a local group's request to join");
    assertThat(runtimeService.getVariable(instance, "groupDistrict")).isEqualTo("NY-23");
    // the link worked once
    assertThat(get(link, null).statusCode()).isEqualTo(410);
  }

  @Test
  void approvingAWebNameTakenMeanwhileIsRefused() {
    String slug = unique("raced");
    String instance = requestToJoin(slug);
    groups.create(slug, "Someone faster");
    HttpResponse<String> answer = decide(instance, "APPROVE", null);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("groupSlug").contains("was taken by another group");
    assertThat(identityService.createUserQuery().memberOfTenant(slug).count()).isZero();
  }

  @Test
  void aWeakPasswordIsRefusedAndTheLinkStillWorks() {
    String link = approvedInvitation(unique("weak"));
    HttpResponse<String> weak =
        postJson(link, null, Map.of("password", "password", "confirmation", "password"));
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(fields(weak)).contains("password");
    assertThat(weak.body()).contains("capital letter").contains("digit");
    HttpResponse<String> different =
        postJson(link, null, Map.of("password", STRONG, "confirmation", STRONG + "x"));
    assertThat(different.statusCode()).isEqualTo(400);
    assertThat(fields(different)).containsExactly("confirmation");
    assertThat(
            postJson(link, null, Map.of("password", STRONG, "confirmation", STRONG)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aUsedLinkIsRefused() {
    String link = approvedInvitation(unique("used"));
    assertThat(
            postJson(link, null, Map.of("password", STRONG, "confirmation", STRONG)).statusCode())
        .isEqualTo(200);
    HttpResponse<String> again =
        postJson(link, null, Map.of("password", STRONG + "2", "confirmation", STRONG + "2"));
    assertThat(again.statusCode()).isEqualTo(410);
    assertThat(again.body()).contains("already used");
    assertThat(get(link, null).body()).contains("already used");
  }

  @Test
  void anExpiredLinkIsRefused() {
    String link = approvedInvitation(unique("expired"));
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 8L * 24 * 3600 * 1000));
    HttpResponse<String> late =
        postJson(link, null, Map.of("password", STRONG, "confirmation", STRONG));
    assertThat(late.statusCode()).isEqualTo(410);
    assertThat(late.body()).contains("expired");
    assertThat(get(link, null).statusCode()).isEqualTo(410);
  }

  @Test
  void anUnknownLinkIsRefused() {
    HttpResponse<String> answer =
        postJson(
            "/invitation/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            null,
            Map.of("password", STRONG, "confirmation", STRONG));
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).contains("not valid");
  }

  @Test
  void theJoinFormRefusesAPostWithoutItsToken() {
    String slug = unique("forged");
    String address = slug + "@lead.pathtovictory.test";
    Trace before = trace(address);
    HttpResponse<String> answer =
        send(
            request("/join", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "groupName=Forged&groupSlug="
                            + slug
                            + "&groupState=NY&groupDistrict=NY-24&organizationType=C4"
                            + "&leadName=Jordan+Rivera&leadEmail="
                            + address.replace("@", "%40")))
                .build());
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("Nothing was sent");
    // and it is true: no request, no process instance, no mail in the outbox
    assertNothingLeftBehind(before, slug);
  }

  /** What a refused request could have left: process instances and the outbox, before it. */
  record Trace(String address, long instances, long mails) {}

  Trace trace(String address) {
    return new Trace(address, processInstances(), mailsTo(address));
  }

  private void assertNothingLeftBehind(Trace before, String slug) {
    assertThat(joinRequests(slug)).as("requests to join as " + slug).isZero();
    assertThat(processInstances()).as("process instances").isEqualTo(before.instances());
    assertThat(mailsTo(before.address()))
        .as("mails in the outbox to " + before.address())
        .isEqualTo(before.mails());
  }

  /** Requests to join under this web name: the onboarding process keys them by it. */
  private long joinRequests(String slug) {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey("group-onboarding")
        .processInstanceBusinessKey("join/" + slug)
        .count();
  }

  private long processInstances() {
    return runtimeService.createProcessInstanceQuery().count();
  }

  private long mailsTo(String address) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM ptv_mail_outbox WHERE recipient = ?", Long.class, address);
  }

  @Test
  void oneAddressSendingManyRequestsIsSlowedDown() {
    int limited = 0;
    for (int i = 0; i < 21; i++) {
      if (get("/join", null).statusCode() == 429) {
        limited++;
      }
    }
    assertThat(limited).isEqualTo(1);
    HttpResponse<String> answer = get("/join", null);
    assertThat(answer.statusCode()).isEqualTo(429);
    assertThat(answer.body()).contains("try again in a minute");
  }

  private String approvedInvitation(String slug) {
    String instance = requestToJoin(slug);
    assertThat(decide(instance, "APPROVE", null).statusCode()).isEqualTo(204);
    return linkIn(mailTo(slug + "@lead.pathtovictory.test"));
  }

  private ProcessInstance startCampaignAs(String lead, String slug) {
    Map<String, Object> intake =
        Intake.with(
            Intake.with(
                Intake.endorsementDaysBeforeElection(120),
                "generalElectionDate",
                LocalDate.now(ZoneId.of("America/New_York")).plusDays(120).toString()),
            "leadGroup",
            slug);
    intake =
        Intake.with(
            intake, "endorsementDate", LocalDate.now(ZoneId.of("America/New_York")).toString());
    identityService.setAuthentication(
        lead, java.util.List.of(CampaignRole.GROUP_LEAD.groupId()), java.util.List.of(slug));
    try {
      return runtimeService.startProcessInstanceByKey("post-endorsement", intake);
    } finally {
      identityService.clearAuthentication();
    }
  }

  static String csrfOf(HttpResponse<String> page) {
    var matcher =
        java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  HttpResponse<String> postForm(String path, HttpResponse<String> page, Map<String, String> form) {
    String cookie =
        page.headers().allValues("set-cookie").stream()
            .map(c -> c.split(";", 2)[0])
            .reduce((a, b) -> a + "; " + b)
            .orElseThrow();
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8)
                        + "="
                        + java.net.URLEncoder.encode(
                            e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
            .reduce((a, b) -> a + "&" + b)
            .orElse("");
    return send(
        request(path, null)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", cookie)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }
}
