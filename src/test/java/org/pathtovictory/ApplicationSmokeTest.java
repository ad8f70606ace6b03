package org.pathtovictory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole application on a random port, as a volunteer's browser and Camunda Modeler see it (the
 * context of {@link WebTestSupport}).
 */
class ApplicationSmokeTest extends WebTestSupport {

  @Autowired RepositoryService repositoryService;

  private final HttpClient redirectingHttp =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  HttpResponse<String> get(String path, String user, String password) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (user != null) {
      request.header("Authorization", basic(user, password));
    }
    return redirectingHttp.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void tasklistAnswers() throws Exception {
    var response = get("/camunda/app/tasklist/", null, null);
    assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(200);
    assertThat(response.body()).containsIgnoringCase("tasklist");
  }

  @Test
  void restApiRefusesStrangersAndServesDemo() throws Exception {
    assertThat(get("/engine-rest/task", null, null).statusCode()).isEqualTo(401);
    assertThat(get("/engine-rest/task", "demo", "demo").statusCode()).isEqualTo(200);
    // a wrong password, for a user of its own: Camunda locks a user briefly after a failed login,
    // and the demo users are shared with the other tests of this Spring context
    var user = identityService.newUser("smoke-test-user");
    user.setPassword("The-Right-One-1");
    identityService.saveUser(user);
    assertThat(get("/engine-rest/task", "smoke-test-user", "wrong").statusCode()).isEqualTo(401);
    identityService.deleteUser("smoke-test-user");
  }

  @Test
  void modelsAndFormsAreDeployedUnderRelativeNames() {
    var deployment =
        repositoryService.createDeploymentQuery().deploymentName("path-to-victory").singleResult();
    assertThat(repositoryService.getDeploymentResourceNames(deployment.getId()))
        .contains("post-endorsement.bpmn", "endorsement-intake.form")
        .allSatisfy(name -> assertThat(name).doesNotContain("/"));
  }

  @Test
  void badRestStartAnswers400NamingTheField() throws Exception {
    String countBefore = get("/engine-rest/history/process-instance/count", "demo", "demo").body();
    String body =
        """
        {"variables": {
          "candidateName": {"value": "Josh Riley", "type": "String"},
          "office": {"value": "U.S. House", "type": "String"},
          "race": {"value": "NY-24", "type": "String"},
          "raceScope": {"value": "DISTRICT", "type": "String"},
          "leadGroup": {"value": "ny24-ithaca", "type": "String"},
          "generalElectionDate": {"value": "2001-11-06", "type": "String"},
          "organizationType": {"value": "UNINCORPORATED", "type": "String"},
          "plannedSpending": {"value": false, "type": "Boolean"},
          "organizerEmail": {"value": "organizer@demo.pathtovictory.test", "type": "String"}
        }}
        """;
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + port
                        + "/engine-rest/process-definition/key/post-endorsement/start"))
            .header("Authorization", basic("ithaca-lead", "demo"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("generalElectionDate").contains("already passed");
    assertThat(get("/engine-rest/history/process-instance/count", "demo", "demo").body())
        .isEqualTo(countBefore);
  }
}
