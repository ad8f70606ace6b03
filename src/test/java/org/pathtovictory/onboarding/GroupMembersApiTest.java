package org.pathtovictory.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.junit.jupiter.api.Test;
import org.pathtovictory.identity.CampaignRole;

/**
 * A group lead manages their group over {@code /api/groups/{slug}}: invitations one by one and from
 * CSV, roles, removal, a new invitation, the audit log; never in another group.
 */
class GroupMembersApiTest extends OnboardingTestSupport {

  @Test
  void aLeadInvitesAVolunteerWhoGetsAMailAndAppearsWithTheirRoles() {
    String slug = unique("grp");
    String lead = groupWithLead(slug, unique("lead"));
    HttpResponse<String> invited =
        postJson(
            "/api/groups/" + slug + "/members",
            lead,
            Map.of(
                "name",
                "Sam Canvasser",
                "email",
                "Sam." + slug + "@volunteer.test",
                "roles",
                List.of("canvass-leads", "press")));
    assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
    String userId = json(invited).path("userId").asText();
    assertThat(groups.roles(userId))
        .containsExactlyInAnyOrder(CampaignRole.CANVASS_LEAD, CampaignRole.PRESS_LIAISON);
    assertThat(groups.isMember(slug, userId)).isTrue();
    // the address is kept in lower case; the mail carries a working invitation link
    String mail = mailTo(("sam." + slug + "@volunteer.test"));
    assertThat(mail).contains("Lee Lead invited you to Indivisible " + slug);
    assertThat(
            postJson(linkIn(mail), null, Map.of("password", STRONG, "confirmation", STRONG))
                .statusCode())
        .isEqualTo(200);

    HttpResponse<String> list = get("/api/groups/" + slug + "/members", lead);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(json(list).findValuesAsText("userId")).contains(lead, userId);
    HttpResponse<String> audit = get("/api/groups/" + slug + "/audit", lead);
    assertThat(json(audit).findValuesAsText("action")).contains("INVITED", "INVITATION_ACCEPTED");
  }

  @Test
  void aLeadMayNotInviteIntoAnotherGroup() {
    String slug = unique("grp");
    String lead = groupWithLead(slug, unique("lead"));
    long before = identityService.createUserQuery().memberOfTenant("a2-indivisible").count();
    HttpResponse<String> answer =
        postJson(
            "/api/groups/a2-indivisible/members",
            lead,
            Map.of(
                "name",
                "Sneaky",
                "email",
                "sneaky@volunteer.test",
                "roles",
                List.of("canvass-leads")));
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(json(answer).path("message").asText()).contains("only a group you lead");
    assertThat(identityService.createUserQuery().memberOfTenant("a2-indivisible").count())
        .isEqualTo(before);
    assertThat(get("/api/groups/a2-indivisible/members", lead).statusCode()).isEqualTo(403);
  }

  @Test
  void aVolunteerWhoIsNoLeadMayNotManageTheirGroup() {
    assertThat(get("/api/groups/ny24-ithaca/members", "ithaca-canvass").statusCode())
        .isEqualTo(403);

    // in a group of their own, a canvass lead tries each change a lead may make
    String slug = unique("grp");
    String lead = groupWithLead(slug, unique("lead"));
    String volunteer =
        groups.addMember(
            slug,
            "Cam Canvass",
            "cam." + slug + "@volunteer.test",
            Set.of(CampaignRole.CANVASS_LEAD));
    User account = identityService.createUserQuery().userId(volunteer).singleResult();
    account.setPassword(PASSWORD);
    ((IdentityServiceImpl) identityService).saveUser(account, true);
    String before = groupState(slug);

    HttpResponse<String> invite =
        postJson(
            "/api/groups/" + slug + "/members",
            volunteer,
            Map.of(
                "name",
                "Sam Sneaky",
                "email",
                "sam." + slug + "@volunteer.test",
                "roles",
                List.of("group-leads")));
    assertThat(invite.statusCode()).as(invite.body()).isEqualTo(403);
    HttpResponse<String> promote =
        send(
            request("/api/groups/" + slug + "/members/" + volunteer + "/roles", volunteer)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"roles\": [\"group-leads\"]}"))
                .build());
    assertThat(promote.statusCode()).as(promote.body()).isEqualTo(403);
    HttpResponse<String> remove =
        send(request("/api/groups/" + slug + "/members/" + lead, volunteer).DELETE().build());
    assertThat(remove.statusCode()).as(remove.body()).isEqualTo(403);

    // nothing changed: the same members with the same roles, no audit entry, no mail
    assertThat(groupState(slug)).isEqualTo(before);
    assertThat(identityService.createUserQuery().userId(lead).count()).isEqualTo(1);
    assertThat(groups.roles(volunteer)).containsExactly(CampaignRole.CANVASS_LEAD);
  }

  /** The group's members with their roles, its audit log and its mails, as one text. */
  private String groupState(String slug) {
    StringBuilder state = new StringBuilder();
    identityService.createUserQuery().memberOfTenant(slug).orderByUserId().asc().list().stream()
        .forEach(user -> state.append(user.getId()).append(groups.roles(user.getId())).append(' '));
    state
        .append("audit ")
        .append(
            jdbc.queryForList(
                "SELECT action FROM ptv_group_audit WHERE tenant_id = ?", String.class, slug))
        .append(" mails ")
        .append(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM ptv_mail_outbox WHERE recipient LIKE ?",
                Long.class,
                "%" + slug + "%"));
    return state.toString();
  }

  @Test
  void aCsvKeepsItsGoodLinesAndReportsTheBadOnesByLine() {
    String slug = unique("grp");
    String lead = groupWithLead(slug, unique("lead"));
    String csv =
        "name,email,roles\n"
            + "Ana Phones,ana."
            + slug
            + "@volunteer.test,phonebank-leads\n"
            + "No Address,not-an-address,canvass-leads\n"
            + "Bo Recruits,bo."
            + slug
            + "@volunteer.test,recruitment-captains;press-liaisons\n"
            + "Cy Unknown,cy."
            + slug
            + "@volunteer.test,treasurer\n"
            + "Ana Again,ana."
            + slug
            + "@volunteer.test,\n";
    HttpResponse<String> answer =
        send(
            request("/api/groups/" + slug + "/members/csv", lead)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    var json = json(answer);
    assertThat(json.path("invited").findValuesAsText("email"))
        .containsExactly("ana." + slug + "@volunteer.test", "bo." + slug + "@volunteer.test");
    assertThat(json.path("problems").findValues("line").stream().map(n -> n.asInt()).toList())
        .containsExactly(3, 5, 6);
    assertThat(json.path("problems").get(0).path("reason").asText()).contains("email");
    assertThat(json.path("problems").get(1).path("reason").asText()).contains("treasurer");
    assertThat(identityService.createUserQuery().memberOfTenant(slug).count()).isEqualTo(3);
  }

  @Test
  void aLeadGivesAndTakesRolesButNeverTheLastLeadsOwn() {
    String slug = unique("grp");
    String lead = groupWithLead(slug, unique("lead"));
    String sam = invite(slug, lead, "Sam Roles", List.of("canvass-leads"));
    HttpResponse<String> changed =
        send(
            request("/api/groups/" + slug + "/members/" + sam + "/roles", lead)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"roles\": [\"phonebank-leads\"]}"))
                .build());
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(groups.roles(sam)).containsExactly(CampaignRole.PHONEBANK_LEAD);

    HttpResponse<String> lastLead =
        send(
            request("/api/groups/" + slug + "/members/" + lead + "/roles", lead)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"roles\": [\"canvass-leads\"]}"))
                .build());
    assertThat(lastLead.statusCode()).isEqualTo(400);
    assertThat(lastLead.body()).contains("no lead left");
    assertThat(groups.roles(lead)).contains(CampaignRole.GROUP_LEAD);

    HttpResponse<String> national =
        send(
            request("/api/groups/" + slug + "/members/" + sam + "/roles", lead)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"roles\": [\"compliance-reviewers\"]}"))
                .build());
    assertThat(national.statusCode()).isEqualTo(400);
    assertThat(get("/api/groups/" + slug + "/audit", lead).body()).contains("ROLES_CHANGED");
  }

  @Test
  void aLeadRemovesAMemberWhoseLinkStopsWorking() {
    String slug = unique("grp");
    String lead = groupWithLead(slug, unique("lead"));
    String sam = invite(slug, lead, "Sam Leaves", List.of("press-liaisons"));
    String link =
        linkIn(mailTo(identityService.createUserQuery().userId(sam).singleResult().getEmail()));
    HttpResponse<String> removed =
        send(request("/api/groups/" + slug + "/members/" + sam, lead).DELETE().build());
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
    assertThat(identityService.createUserQuery().userId(sam).count()).isZero();
    assertThat(get(link, null).statusCode()).isEqualTo(404);
    assertThat(get("/api/groups/" + slug + "/audit", lead).body()).contains("REMOVED");
    // the last lead stays
    HttpResponse<String> self =
        send(request("/api/groups/" + slug + "/members/" + lead, lead).DELETE().build());
    assertThat(self.statusCode()).as(self.body()).isEqualTo(409);
  }

  @Test
  void aNewInvitationReplacesAnExpiredOne() {
    String slug = unique("grp");
    String lead = groupWithLead(slug, unique("lead"));
    String sam = invite(slug, lead, "Sam Late", List.of());
    HttpResponse<String> renewed =
        post("/api/groups/" + slug + "/members/" + sam + "/invitation", lead, "");
    assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM ptv_onboarding_link WHERE user_id = ?", Integer.class, sam))
        .isEqualTo(2);
    // someone who chose a password needs none
    HttpResponse<String> forLead =
        post("/api/groups/" + slug + "/members/" + lead + "/invitation", lead, "");
    assertThat(forLead.statusCode()).isEqualTo(409);
  }

  @Test
  void anInvitationWithBadValuesIsRefusedNamingEachField() {
    String slug = unique("grp");
    String lead = groupWithLead(slug, unique("lead"));
    HttpResponse<String> answer =
        postJson(
            "/api/groups/" + slug + "/members",
            lead,
            Map.of(
                "name",
                "",
                "email",
                "ithaca-press@demo.pathtovictory.test",
                "roles",
                List.of("mayor")));
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(fields(answer)).containsExactlyInAnyOrder("name", "email", "roles");
    assertThat(identityService.createUserQuery().memberOfTenant(slug).count()).isEqualTo(1);
  }

  private String invite(String slug, String lead, String name, List<String> roles) {
    String email = name.toLowerCase().replace(' ', '.') + "." + slug + "@volunteer.test";
    HttpResponse<String> invited =
        postJson(
            "/api/groups/" + slug + "/members",
            lead,
            Map.of("name", name, "email", email, "roles", roles));
    assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
    return json(invited).path("userId").asText();
  }
}
