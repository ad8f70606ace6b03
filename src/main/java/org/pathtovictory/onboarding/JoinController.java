package org.pathtovictory.onboarding;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.pathtovictory.web.ApiRefusal;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.Pages;
import org.pathtovictory.web.Refused;
import org.pathtovictory.web.SessionCsrf;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public pages of joining (no account; rate limited per client address; CSRF-protected forms):
 * {@code /join} for a group's request, {@code /join/changes/{link}} to correct a request an
 * organizer sent back, {@code /invitation/{link}} to choose a password. Each answers JSON too, for
 * integrations ({@code Content-Type: application/json}, which a cross-site form cannot send).
 */
@RestController
class JoinController {

  private final JoinRequests requests;
  private final Invitations invitations;
  private final Pages pages;

  JoinController(JoinRequests requests, Invitations invitations, Pages pages) {
    this.requests = requests;
    this.invitations = invitations;
    this.pages = pages;
  }

  @GetMapping(value = "/join", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> joinPage(HttpServletRequest request) {
    return joinForm(HttpStatus.OK, request, "/join", null, Map.of(), Map.of());
  }

  @PostMapping(value = "/join", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> join(
      HttpServletRequest request, @RequestParam MultiValueMap<String, String> form) {
    if (!SessionCsrf.valid(request, form.getFirst("_csrf"))) {
      return expired("/join");
    }
    JoinRequest join = JoinRequest.from(form);
    try {
      requests.submit(join);
    } catch (InvalidInputException e) {
      return joinForm(HttpStatus.BAD_REQUEST, request, "/join", null, join.toForm(), byField(e));
    }
    return sent(join);
  }

  @PostMapping(value = "/join", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> joinJson(@RequestBody Map<String, Object> body) {
    JoinRequest join = JoinRequest.from(body);
    try {
      String id = requests.submit(join);
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("requestId", id);
      answer.put(
          "message",
          "Your request is with an Indivisible Organizer; we will write to " + join.leadEmail());
      return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    } catch (InvalidInputException e) {
      return refused(e);
    }
  }

  @GetMapping(value = "/join/changes/{link}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> changesPage(HttpServletRequest request, @PathVariable String link) {
    try {
      return joinForm(
          HttpStatus.OK,
          request,
          "/join/changes/" + link,
          requests.changesAsked(link),
          requests.openChanges(link).toForm(),
          Map.of());
    } catch (Refused e) {
      return pages.message(
          HttpStatus.valueOf(e.status()), "This link does not work", e.getMessage());
    }
  }

  @PostMapping(
      value = "/join/changes/{link}",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> change(
      HttpServletRequest request,
      @PathVariable String link,
      @RequestParam MultiValueMap<String, String> form) {
    if (!SessionCsrf.valid(request, form.getFirst("_csrf"))) {
      return expired("/join/changes/" + link);
    }
    JoinRequest join = JoinRequest.from(form);
    try {
      requests.change(link, join);
    } catch (InvalidInputException e) {
      return joinForm(
          HttpStatus.BAD_REQUEST,
          request,
          "/join/changes/" + link,
          requests.changesAsked(link),
          join.toForm(),
          byField(e));
    } catch (Refused e) {
      return pages.message(
          HttpStatus.valueOf(e.status()), "This link does not work", e.getMessage());
    }
    return sent(join);
  }

  @GetMapping(value = "/invitation/{link}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> invitationPage(HttpServletRequest request, @PathVariable String link) {
    try {
      return invitationForm(
          HttpStatus.OK, request, link, invitations.open(link), java.util.List.of());
    } catch (Refused e) {
      return pages.message(
          HttpStatus.valueOf(e.status()), "This invitation does not work", e.getMessage());
    }
  }

  @PostMapping(value = "/invitation/{link}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> accept(
      HttpServletRequest request,
      @PathVariable String link,
      @RequestParam MultiValueMap<String, String> form) {
    if (!SessionCsrf.valid(request, form.getFirst("_csrf"))) {
      return expired("/invitation/" + link);
    }
    try {
      String userId =
          invitations.accept(link, form.getFirst("password"), form.getFirst("confirmation"));
      return pages.render(
          "done",
          done(
              "Your password is set",
              "Sign in to Tasklist with your user name "
                  + userId
                  + " and your new password: your group's tasks wait for you there.",
              "/camunda/app/tasklist/default/",
              "Sign in to Tasklist"));
    } catch (InvalidInputException e) {
      return invitationForm(
          HttpStatus.BAD_REQUEST,
          request,
          link,
          invitations.open(link),
          e.getProblems().stream().map(p -> sentence(p.reason())).toList());
    } catch (Refused e) {
      return pages.message(
          HttpStatus.valueOf(e.status()), "This invitation does not work", e.getMessage());
    }
  }

  @PostMapping(value = "/invitation/{link}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> acceptJson(
      @PathVariable String link, @RequestBody Map<String, Object> body) {
    try {
      String userId =
          invitations.accept(link, text(body.get("password")), text(body.get("confirmation")));
      return ResponseEntity.ok(
          Map.of(
              "userId",
              userId,
              "message",
              "Your password is set. Sign in to Tasklist with your user name " + userId + "."));
    } catch (InvalidInputException | Refused e) {
      return refused((ApiRefusal) e);
    }
  }

  private ResponseEntity<String> joinForm(
      HttpStatus status,
      HttpServletRequest request,
      String action,
      String note,
      Map<String, String> form,
      Map<String, String> problems) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put(
        "title",
        note == null ? "Bring your local group to Path to Victory" : "Change your request to join");
    model.put("button", note == null ? "Send the request" : "Send the changed request");
    model.put("action", action);
    model.put("note", note);
    model.put("form", form);
    model.put("problems", problems);
    model.put("states", new TreeSet<>(JoinRequest.STATES));
    model.put("organizationTypes", JoinRequest.ORGANIZATION_TYPES);
    model.put("csrf", SessionCsrf.token(request.getSession()));
    return pages.render(status, "join", model);
  }

  private ResponseEntity<String> invitationForm(
      HttpStatus status,
      HttpServletRequest request,
      String token,
      OnboardingLinks.Link link,
      java.util.List<String> problems) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("action", "/invitation/" + token);
    model.put("userId", link.userId());
    model.put("email", link.email());
    model.put("rules", invitations.policyInWords());
    model.put("problems", problems);
    model.put("csrf", SessionCsrf.token(request.getSession()));
    return pages.render(status, "invitation", model);
  }

  private ResponseEntity<String> sent(JoinRequest join) {
    return pages.render(
        "done",
        done(
            "Thank you: your request is on its way",
            "An Indivisible Organizer will read the request for "
                + join.groupName()
                + " and write to "
                + join.leadEmail()
                + ", usually within three days.",
            null,
            null));
  }

  private ResponseEntity<String> expired(String page) {
    return pages.message(
        HttpStatus.FORBIDDEN,
        "Nothing was sent",
        "This form has expired or did not come from our page. Open "
            + page
            + " again and fill it in once more.");
  }

  private static Map<String, Object> done(String title, String text, String link, String label) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("title", title);
    model.put("text", text);
    model.put("link", link);
    model.put("linkLabel", label);
    return model;
  }

  private static Map<String, String> byField(InvalidInputException e) {
    Map<String, String> problems = new LinkedHashMap<>();
    e.getProblems()
        .forEach(p -> problems.merge(p.field(), sentence(p.reason()), (a, b) -> a + " " + b));
    return problems;
  }

  private static String sentence(String reason) {
    String text = Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
    return text.endsWith(".") ? text : text + ".";
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  static <T> ResponseEntity<T> refused(ApiRefusal refusal) {
    @SuppressWarnings("unchecked")
    T body = (T) refusal.body();
    return ResponseEntity.status(refusal.status()).body(body);
  }
}
