package org.pathtovictory.onboarding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathtovictory.identity.CampaignRole;
import org.pathtovictory.identity.LocalGroups;
import org.pathtovictory.identity.Viewers;
import org.pathtovictory.web.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The group lead's page as JSON, under {@code /api/groups/{slug}} (HTTP Basic, like the rest of
 * {@code /api}): members, invitations one by one or from CSV, roles, removal, audit log. Refusals
 * answer with a status and a sentence ({@link Refused}, {@code InvalidInputException}).
 */
@RestController
@RequestMapping(value = "/api/groups/{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
class GroupApi {

  private final GroupMembers members;
  private final Viewers viewers;
  private final org.camunda.bpm.engine.IdentityService identityService;

  GroupApi(
      GroupMembers members,
      Viewers viewers,
      org.camunda.bpm.engine.IdentityService identityService) {
    this.members = members;
    this.viewers = viewers;
    this.identityService = identityService;
  }

  @GetMapping("/members")
  List<Map<String, Object>> list(@PathVariable String slug) {
    return members.members(caller(), slug).stream().map(GroupApi::json).toList();
  }

  @PostMapping(value = "/members", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> invite(
      @PathVariable String slug, @RequestBody Map<String, Object> body) {
    String userId =
        members.invite(
            caller(),
            slug,
            text(body.get("name")),
            text(body.get("email")),
            list(body.get("roles")));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("userId", userId);
    answer.put("message", "Invited as " + userId + "; the invitation mail is on its way.");
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }

  @PostMapping(
      value = "/members/csv",
      consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
  Map<String, Object> importCsv(@PathVariable String slug, @RequestBody String csv) {
    List<GroupMembers.CsvLine> lines = members.importCsv(caller(), slug, csv);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(
        "invited",
        lines.stream()
            .filter(l -> l.userId() != null)
            .map(l -> Map.of("line", l.line(), "email", l.email(), "userId", l.userId()))
            .toList());
    answer.put(
        "problems",
        lines.stream()
            .filter(l -> l.problem() != null)
            .map(l -> Map.of("line", l.line(), "reason", l.problem()))
            .toList());
    return answer;
  }

  @PutMapping(value = "/members/{userId}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> roles(
      @PathVariable String slug,
      @PathVariable String userId,
      @RequestBody Map<String, Object> body) {
    members.setRoles(caller(), slug, userId, list(body.get("roles")));
    return Map.of("message", "Saved the roles of " + userId + ".");
  }

  @DeleteMapping("/members/{userId}")
  Map<String, Object> remove(@PathVariable String slug, @PathVariable String userId) {
    members.remove(caller(), slug, userId);
    return Map.of("message", "Removed " + userId + " from the group.");
  }

  @PostMapping("/members/{userId}/invitation")
  Map<String, Object> reinvite(@PathVariable String slug, @PathVariable String userId) {
    members.renewInvitation(caller(), slug, userId);
    return Map.of("message", "Sent " + userId + " a new invitation.");
  }

  @GetMapping("/audit")
  List<Map<String, Object>> audit(@PathVariable String slug) {
    return members.auditLog(caller(), slug).stream()
        .map(
            e -> {
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("at", e.at().toString());
              entry.put("actor", e.actor());
              entry.put("action", e.action());
              entry.put("subject", e.subject());
              entry.put("details", e.details());
              return entry;
            })
        .toList();
  }

  /**
   * The signed-in caller. From here on the request acts as the application: {@link GroupMembers}
   * checks that the caller leads the group, and leads hold no identity permissions of their own.
   */
  private String caller() {
    String userId =
        viewers
            .fromEngine()
            .orElseThrow(() -> Refused.forbidden("Sign in to manage a group."))
            .userId();
    identityService.clearAuthentication();
    return userId;
  }

  private static Map<String, Object> json(LocalGroups.Member member) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("userId", member.userId());
    json.put("name", member.name());
    json.put("email", member.email());
    json.put("roles", member.roles().stream().map(CampaignRole::groupId).toList());
    json.put("passwordSet", member.hasPassword());
    return json;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static List<String> list(Object value) {
    if (value instanceof List<?> items) {
      return items.stream().map(String::valueOf).toList();
    }
    if (value instanceof String text) {
      return List.of(text.split("[;,|]"));
    }
    return List.of();
  }
}
