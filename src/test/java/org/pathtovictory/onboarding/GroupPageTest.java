package org.pathtovictory.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.pathtovictory.identity.CampaignRole;

/**
 * The group lead's page {@code /groups/{slug}} with Tasklist's sign-in: members listed, a volunteer
 * invited through the form, roles changed, a forged form refused, another group's page closed.
 */
class GroupPageTest extends OnboardingTestSupport {

  private final HttpClient browser =
      HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  @Test
  void aLeadInvitesAndChangesRolesOnTheirGroupsPage() throws Exception {
    String slug = unique("page");
    String lead = groupWithLead(slug, unique("lead"));
    signInToTasklist(browser, lead);

    HttpResponse<String> mine = open("/groups");
    assertThat(mine.statusCode()).isEqualTo(303);
    assertThat(mine.headers().firstValue("Location").orElseThrow()).endsWith("/groups/" + slug);
    HttpResponse<String> page = open("/groups/" + slug);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Members of " + slug)
        .contains(lead)
        .contains("What changed (audit log)");
    String csrf = JoinApiTest.csrfOf(page);

    HttpResponse<String> invited =
        submit(
            "/groups/" + slug + "/invite",
            "_csrf="
                + csrf
                + "&name=Pat+Press&email=pat."
                + slug
                + "%40volunteer.test&roles=press-liaisons");
    assertThat(invited.statusCode()).as(invited.body()).isEqualTo(303);
    String pat =
        identityService
            .createUserQuery()
            .userEmail("pat." + slug + "@volunteer.test")
            .singleResult()
            .getId();
    assertThat(groups.roles(pat)).containsExactly(CampaignRole.PRESS_LIAISON);
    assertThat(open("/groups/" + slug).body())
        .contains("Invited Pat Press as " + pat)
        .contains("INVITED");

    HttpResponse<String> roles =
        submit(
            "/groups/" + slug + "/members/" + pat + "/roles",
            "_csrf=" + csrf + "&roles=press-liaisons&roles=canvass-leads");
    assertThat(roles.statusCode()).isEqualTo(303);
    assertThat(groups.roles(pat))
        .containsExactlyInAnyOrder(CampaignRole.PRESS_LIAISON, CampaignRole.CANVASS_LEAD);

    HttpResponse<String> bad =
        submit("/groups/" + slug + "/invite", "_csrf=" + csrf + "&name=&email=nope&roles=mayor");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("Nothing was changed").contains("Email: ").contains("mayor");
  }

  @Test
  void aForgedFormAndAnotherGroupsPageAreRefused() throws Exception {
    String slug = unique("page");
    String lead = groupWithLead(slug, unique("lead"));
    signInToTasklist(browser, lead);
    open("/groups/" + slug);
    HttpResponse<String> forged =
        submit("/groups/" + slug + "/invite", "_csrf=forged&name=Eve+Sneak&email=eve%40x.test");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("Nothing was changed");
    assertThat(groups.userWithEmail("eve@x.test")).isEmpty();

    HttpResponse<String> other = open("/groups/ny24-ithaca");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).contains("only a group you lead");
  }

  @Test
  void someoneSignedOutIsSentToSignIn() throws Exception {
    HttpResponse<String> answer = open("/groups/ny24-ithaca");
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location").orElseThrow())
        .contains("/camunda/app/tasklist/");
  }

  private HttpResponse<String> open(String path) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(url(path)).header("X-Forwarded-For", clientAddress).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> submit(String path, String form) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(url(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", clientAddress)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
