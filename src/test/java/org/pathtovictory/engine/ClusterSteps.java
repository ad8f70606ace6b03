package org.pathtovictory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.TimeZone;
import java.util.UUID;

/**
 * What the cluster tests and the cluster benchmark do through the nodes' REST API, as an
 * administrator: deploy the check campaign ({@code cluster/cluster-check.bpmn}: a timer, a first
 * step due tomorrow, a next step), create volunteers, start campaigns.
 */
final class ClusterSteps {

  static final ZoneId CAMPAIGN_ZONE = ZoneId.of("America/New_York");

  private final Cluster cluster;
  private final ObjectMapper json = new ObjectMapper();

  ClusterSteps(Cluster cluster) {
    this.cluster = cluster;
  }

  void deployCheckModel(Cluster.Node node) throws Exception {
    String boundary = "----ptv" + UUID.randomUUID();
    byte[] model;
    try (var in = getClass().getResourceAsStream("/cluster/cluster-check.bpmn")) {
      model = in.readAllBytes();
    }
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ncluster-check\r\n"
            + "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"cluster-check.bpmn\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[headBytes.length + model.length + tailBytes.length];
    System.arraycopy(headBytes, 0, body, 0, headBytes.length);
    System.arraycopy(model, 0, body, headBytes.length, model.length);
    System.arraycopy(tailBytes, 0, body, headBytes.length + model.length, tailBytes.length);
    var response =
        cluster.http.send(
            HttpRequest.newBuilder(node.uri("/engine-rest/deployment/create"))
                .header("Authorization", basicAdmin())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  static String basicAdmin() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (Cluster.ADMIN + ":" + Cluster.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  /** Every cluster volunteer's password; it meets the password policy. */
  static final String VOLUNTEER_PASSWORD = "Canvass-Door-2026!";

  /** A volunteer with an email address, password {@link #VOLUNTEER_PASSWORD}, a canvass lead. */
  void createVolunteer(Cluster.Node node, String id) throws Exception {
    var created =
        cluster.asAdmin(
            node,
            "POST",
            "/engine-rest/user/create",
            "{\"profile\": {\"id\": \""
                + id
                + "\", \"firstName\": \"Volunteer\", \"lastName\": \""
                + id
                + "\", \"email\": \""
                + id
                + "@cluster.pathtovictory.test\"}, \"credentials\": {\"password\": \""
                + VOLUNTEER_PASSWORD
                + "\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
    var member =
        cluster.asAdmin(node, "PUT", "/engine-rest/group/canvass-leads/members/" + id, null);
    assertThat(member.statusCode()).as(member.body()).isEqualTo(204);
  }

  /**
   * Starts a check campaign: its timer comes due at {@code timerDue}, its first step (assigned to
   * {@code assignee}) is due tomorrow at noon, campaign time.
   *
   * @return the process instance id
   */
  String startCampaign(
      Cluster.Node node, String businessKey, String name, Instant timerDue, String assignee)
      throws Exception {
    ZonedDateTime firstDue =
        LocalDate.now(CAMPAIGN_ZONE).plusDays(1).atTime(12, 0).atZone(CAMPAIGN_ZONE);
    String body =
        "{\"businessKey\": \""
            + businessKey
            + "\", \"variables\": {\"candidateName\": {\"value\": \""
            + name
            + "\"}, \"race\": {\"value\": \""
            + businessKey
            + "\"}, \"assignee\": {\"value\": \""
            + assignee
            + "\"}, \"timerDue\": {\"value\": \""
            + restDate(Date.from(timerDue))
            + "\", \"type\": \"Date\"}, \"firstDue\": {\"value\": \""
            + restDate(Date.from(firstDue.toInstant()))
            + "\", \"type\": \"Date\"}}}";
    var response =
        cluster.asAdmin(
            node, "POST", "/engine-rest/process-definition/key/cluster-check/start", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body()).path("id").asText();
  }

  private static String restDate(Date date) {
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    return format.format(date);
  }
}
