package org.pathtovictory.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A group lead who is no process editor is refused on every plan page and the check. */
class PlanAccessBrowserTest extends PlanBrowserSupport {

  static final List<String> PAGES =
      List.of(
          "/plan",
          "/plan/post-endorsement",
          "/plan/post-endorsement/versions",
          "/plan/decisions/planningTrack",
          "/plan/forms/plan-campaign");

  @Test
  void aGroupLeadIsRefusedOnEveryPlanPageWithASentence() {
    Page page = signedIn("ithaca-lead");
    for (String path : PAGES) {
      var response = page.navigate(baseUrl() + path);
      assertThat(response.status()).as(path).isEqualTo(403);
      assertThat(page.locator("body").innerText()).as(path).containsIgnoringCase("process editor");
    }
  }

  @Test
  void aGroupLeadsCheckIsRefusedInTheBrowserAndOverHttpBasic() throws Exception {
    Page page = signedIn("ithaca-lead");
    APIResponse check =
        page.request()
            .post(
                baseUrl() + "/plan/api/check",
                RequestOptions.create()
                    .setMultipart(
                        com.microsoft.playwright.options.FormData.create()
                            .set(
                                "files",
                                new com.microsoft.playwright.options.FilePayload(
                                    "post-endorsement.bpmn",
                                    "application/xml",
                                    "<definitions/>".getBytes()))));
    assertThat(check.status()).isEqualTo(403);
    assertThat(check.text()).contains("\"message\"");

    String boundary = "plan-check-boundary";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"post-endorsement.bpmn\""
            + "\r\nContent-Type: application/xml\r\n\r\n<definitions/>\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> basic =
        http.send(
            request("/api/models/check", "ithaca-lead")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(basic.statusCode()).isEqualTo(403);
    assertThat(basic.body()).contains("\"message\"");
  }
}
