package org.pathtovictory.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who gets into the plan editor: process editors only, on Tasklist's session. The pages and API
 * calls come from the application's own mappings, so a new one cannot be forgotten.
 */
class PlanAccessTest extends PlanTestSupport {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void anOrganizerSeesThePlanAndTheEditorShells() {
    HttpClient organizer = signedIn(ORGANIZER);

    HttpResponse<String> list = open(organizer, "/plan");

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains("The campaign plan")
        .contains("href=\"/plan/post-endorsement\"")
        .contains("href=\"/plan/post-endorsement/versions\"")
        .contains("href=\"/plan/decisions/planningTrack\"")
        .contains("href=\"/plan/forms/plan-campaign\"")
        .contains("Deployed at start-up");
    int newest = newestVersion("post-endorsement");
    for (String[] shell :
        List.of(
            new String[] {"/plan/post-endorsement", "bpmn", "post-endorsement"},
            new String[] {"/plan/post-endorsement/versions", "versions", "post-endorsement"},
            new String[] {"/plan/decisions/planningTrack", "dmn", "planningTrack"},
            new String[] {"/plan/forms/plan-campaign", "form", "plan-campaign"})) {
      HttpResponse<String> page = open(organizer, shell[0]);
      assertThat(page.statusCode()).as(shell[0]).isEqualTo(200);
      assertThat(page.body())
          .as(shell[0])
          .contains("<html lang=\"en\">")
          .contains("name=\"viewport\"")
          .contains("<h1>")
          .contains("href=\"/plan\">Back to the plan</a>")
          .contains("id=\"plan-app\"")
          .contains("data-page=\"" + shell[1] + "\"")
          .contains("data-key=\"" + shell[2] + "\"")
          .contains("data-api=\"/plan/api\"")
          .contains("data-csrf=\"")
          .contains("src=\"/plan-assets/plan.js\"");
    }
    assertThat(open(organizer, "/plan/post-endorsement").body())
        .contains("data-version=\"" + newest + "\"");
  }

  @Test
  void anOrganizerReadsTheModelsTemplatesAndChoices() {
    HttpClient organizer = signedIn(ORGANIZER);

    var process = json(open(organizer, "/plan/api/processes/post-endorsement"));
    var decision = json(open(organizer, "/plan/api/decisions/planningTrack"));
    var form = json(open(organizer, "/plan/api/forms/plan-campaign"));
    var templates = json(open(organizer, "/plan/api/element-templates"));
    var choices = json(open(organizer, "/plan/api/choices"));

    assertThat(process.get("version").asInt()).isEqualTo(newestVersion("post-endorsement"));
    assertThat(process.get("xml").asText()).contains("id=\"post-endorsement\"");
    assertThat(process.get("deployedBy").asText()).isEqualTo("start-up");
    assertThat(decision.get("xml").asText()).contains("planningTrack");
    assertThat(form.get("schema").get("id").asText()).isEqualTo("plan-campaign");
    List<String> ids = new ArrayList<>();
    templates.forEach(t -> ids.add(t.get("id").asText()));
    assertThat(ids).contains("org.pathtovictory.campaign-step");
    assertThat(choices.get("roles").toString()).contains("\"id\":\"canvass-leads\"");
    assertThat(choices.get("forms").toString()).contains("\"key\":\"plan-campaign\"");
    assertThat(open(organizer, "/plan/api/processes/no-such-process").statusCode()).isEqualTo(404);
  }

  @Test
  void anOrganizerChecksTheShippedPlanOverHttpBasic() throws Exception {
    String shipped = Files.readString(Path.of("processes", "post-endorsement.bpmn"));

    HttpResponse<String> checked =
        send(
            multipart(
                    url("/api/models/check"),
                    null,
                    Map.of("post-endorsement.bpmn", shipped),
                    Map.of())
                .header("Authorization", basic(ORGANIZER, PASSWORD))
                .build());

    assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
    assertThat(json(checked).get("problems")).isEmpty();
  }

  @Test
  void aGroupLeadIsRefusedEveryPageAndCall() throws Exception {
    HttpClient lead = signedIn("ithaca-lead");
    String shipped = Files.readString(Path.of("processes", "post-endorsement.bpmn"));

    for (String page : pages()) {
      HttpResponse<String> refused = open(lead, page);
      assertThat(refused.statusCode()).as(page).isEqualTo(403);
      assertThat(refused.body()).as(page).contains("Only process editors");
    }
    for (Call call : apiCalls()) {
      HttpResponse<String> refused = call(lead, call.request(this, null));
      assertThat(refused.statusCode()).as(call.toString()).isEqualTo(403);
      assertThat(json(refused).get("message").asText())
          .as(call.toString())
          .contains("process editors");
    }
    HttpResponse<String> check =
        send(
            multipart(
                    url("/api/models/check"),
                    null,
                    Map.of("post-endorsement.bpmn", shipped),
                    Map.of())
                .header("Authorization", basic("ithaca-lead", PASSWORD))
                .build());
    assertThat(check.statusCode()).isEqualTo(403);
    assertThat(json(check).get("message").asText()).contains("Only process editors");
  }

  @Test
  void someoneSignedOutIsSentToSignInOrAnswered401() {
    HttpClient stranger = HttpClient.newHttpClient();

    for (String page : pages()) {
      HttpResponse<String> redirected = open(stranger, page);
      assertThat(redirected.statusCode()).as(page).isEqualTo(302);
      assertThat(redirected.headers().firstValue("Location").orElseThrow())
          .as(page)
          .contains(TASKLIST + "?returnTo=" + page.replace("/", "%2F"));
    }
    for (Call call : apiCalls()) {
      HttpResponse<String> refused = call(stranger, call.request(this, null));
      assertThat(refused.statusCode()).as(call.toString()).isEqualTo(401);
      assertThat(json(refused).get("message").asText()).as(call.toString()).contains("signed out");
    }
    assertThat(
            send(request("/api/models/check", null)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build())
                .statusCode())
        .isEqualTo(401);
  }

  /** Every page of the plan editor, with keys that exist. */
  private List<String> pages() {
    List<String> pages = new ArrayList<>();
    for (var call : calls()) {
      if (!call.path().startsWith("/plan/api") && !call.path().startsWith("/plan-assets")) {
        pages.add(call.path());
      }
    }
    assertThat(pages).contains("/plan", "/plan/post-endorsement", "/plan/forms/plan-campaign");
    return pages;
  }

  private List<Call> apiCalls() {
    List<Call> api = calls().stream().filter(c -> c.path().startsWith("/plan/api/")).toList();
    assertThat(api).hasSizeGreaterThan(10);
    return api;
  }

  record Call(String method, String path) {
    HttpRequest request(PlanAccessTest test, String csrf) {
      var builder = HttpRequest.newBuilder(test.url(path));
      return "GET".equals(method)
          ? builder.GET().build()
          : builder
              .header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString("{}"))
              .build();
    }
  }

  private List<Call> calls() {
    List<Call> calls = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, ?> mapping : mappings.getHandlerMethods().entrySet()) {
      for (String pattern : mapping.getKey().getPatternValues()) {
        if (!pattern.equals("/plan") && !pattern.startsWith("/plan/")) {
          continue;
        }
        String path =
            pattern
                .replace("{processKey}", "post-endorsement")
                .replace(
                    "{key}", pattern.contains("decisions") ? "planningTrack" : "post-endorsement")
                .replace("{decisionKey}", "planningTrack")
                .replace("{formKey}", "plan-campaign")
                .replace("{version}", "1");
        Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          calls.add(new Call(method.name(), path));
        }
      }
    }
    return calls;
  }
}
