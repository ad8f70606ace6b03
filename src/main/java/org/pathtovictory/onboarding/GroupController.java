package org.pathtovictory.onboarding;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathtovictory.identity.Viewer;
import org.pathtovictory.identity.Viewers;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.Pages;
import org.pathtovictory.web.Refused;
import org.pathtovictory.web.SessionCsrf;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The group lead's page {@code /groups/{slug}} (same sign-in as Tasklist): the members with their
 * roles, inviting one person or a CSV file, changing roles, removing someone, a new invitation, and
 * the group's audit log. Forms carry the session's CSRF token; each action answers with the page
 * again and a sentence saying what happened.
 */
@RestController
class GroupController {

  static final String DONE = "ptv.groups.done";

  private final GroupMembers members;
  private final Viewers viewers;
  private final Pages pages;

  GroupController(GroupMembers members, Viewers viewers, Pages pages) {
    this.members = members;
    this.viewers = viewers;
    this.pages = pages;
  }

  @GetMapping(value = "/groups", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> myGroups(HttpServletRequest request) {
    var viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request, "/groups");
    }
    List<String> managed = members.managedBy(viewer.get().userId());
    if (managed.isEmpty()) {
      return pages.message(
          HttpStatus.FORBIDDEN,
          "No group to manage",
          "Only group leads manage a group's members. Ask your group lead to invite people.");
    }
    return see(request, managed.get(0));
  }

  @GetMapping(value = "/groups/{slug}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(HttpServletRequest request, @PathVariable String slug) {
    var viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request, "/groups/" + slug);
    }
    return render(request, viewer.get(), slug, HttpStatus.OK, List.of());
  }

  @PostMapping(value = "/groups/{slug}/invite", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> invite(
      HttpServletRequest request,
      @PathVariable String slug,
      @RequestParam(name = "_csrf", required = false) String csrf,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(name = "roles", required = false) List<String> roles) {
    return act(
        request,
        slug,
        csrf,
        actor ->
            "Invited "
                + name.strip()
                + " as "
                + members.invite(actor, slug, name, email, roles == null ? List.of() : roles)
                + "; the invitation mail is on its way.");
  }

  @PostMapping(value = "/groups/{slug}/import", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> importCsv(
      HttpServletRequest request,
      @PathVariable String slug,
      @RequestParam(name = "_csrf", required = false) String csrf,
      @RequestParam(name = "file", required = false) MultipartFile file) {
    return act(
        request,
        slug,
        csrf,
        actor -> {
          String text;
          try {
            text = file == null ? "" : new String(file.getBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new InvalidInputException("file", "the file could not be read: send it again");
          }
          if (text.isBlank()) {
            throw new InvalidInputException("file", "choose a CSV file with name, email and roles");
          }
          List<GroupMembers.CsvLine> lines = members.importCsv(actor, slug, text);
          long added = lines.stream().filter(l -> l.userId() != null).count();
          StringBuilder done = new StringBuilder("Invited " + added + " from the file.");
          lines.stream()
              .filter(l -> l.problem() != null)
              .forEach(
                  l ->
                      done.append(" Line ")
                          .append(l.line())
                          .append(" not invited: ")
                          .append(l.problem())
                          .append('.'));
          return done.toString();
        });
  }

  @PostMapping(
      value = "/groups/{slug}/members/{userId}/roles",
      produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> roles(
      HttpServletRequest request,
      @PathVariable String slug,
      @PathVariable String userId,
      @RequestParam(name = "_csrf", required = false) String csrf,
      @RequestParam(name = "roles", required = false) List<String> roles) {
    return act(
        request,
        slug,
        csrf,
        actor -> {
          members.setRoles(actor, slug, userId, roles == null ? List.of() : roles);
          return "Saved the roles of " + userId + ".";
        });
  }

  @PostMapping(
      value = "/groups/{slug}/members/{userId}/remove",
      produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> remove(
      HttpServletRequest request,
      @PathVariable String slug,
      @PathVariable String userId,
      @RequestParam(name = "_csrf", required = false) String csrf) {
    return act(
        request,
        slug,
        csrf,
        actor -> {
          members.remove(actor, slug, userId);
          return "Removed " + userId + " from the group.";
        });
  }

  @PostMapping(
      value = "/groups/{slug}/members/{userId}/invitation",
      produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> reinvite(
      HttpServletRequest request,
      @PathVariable String slug,
      @PathVariable String userId,
      @RequestParam(name = "_csrf", required = false) String csrf) {
    return act(
        request,
        slug,
        csrf,
        actor -> {
          members.renewInvitation(actor, slug, userId);
          return "Sent " + userId + " a new invitation.";
        });
  }

  private interface Action {
    String run(String actor);
  }

  private ResponseEntity<String> act(
      HttpServletRequest request, String slug, String csrf, Action action) {
    var viewer = viewers.fromSession(request);
    if (viewer.isEmpty()) {
      return signIn(request, "/groups/" + slug);
    }
    if (!SessionCsrf.valid(request, csrf)) {
      return pages.message(
          HttpStatus.FORBIDDEN,
          "Nothing was changed",
          "This form has expired or did not come from your group's page. Open the page again and"
              + " repeat the change.");
    }
    try {
      String done = action.run(viewer.get().userId());
      request.getSession().setAttribute(DONE, done);
      return see(request, slug);
    } catch (InvalidInputException e) {
      return render(
          request,
          viewer.get(),
          slug,
          HttpStatus.BAD_REQUEST,
          e.getProblems().stream().map(p -> label(p.field()) + ": " + p.reason()).toList());
    } catch (Refused e) {
      if (e.status() == 403) {
        return pages.message(HttpStatus.FORBIDDEN, "Not your group", e.getMessage());
      }
      return render(
          request, viewer.get(), slug, HttpStatus.valueOf(e.status()), List.of(e.getMessage()));
    }
  }

  private ResponseEntity<String> render(
      HttpServletRequest request,
      Viewer viewer,
      String slug,
      HttpStatus status,
      List<String> problems) {
    List<org.pathtovictory.identity.LocalGroups.Member> list;
    List<GroupAudit.Entry> log;
    try {
      list = members.members(viewer.userId(), slug);
      log = members.auditLog(viewer.userId(), slug);
    } catch (Refused e) {
      return pages.message(HttpStatus.FORBIDDEN, "Not your group", e.getMessage());
    }
    HttpSession session = request.getSession();
    Object done = session.getAttribute(DONE);
    session.removeAttribute(DONE);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("slug", slug);
    model.put("viewer", viewer);
    model.put("members", list);
    model.put("log", log);
    model.put("roleChoices", GroupMembers.roleChoices());
    model.put("done", done);
    model.put("problems", problems);
    model.put("csrf", SessionCsrf.token(session));
    return pages.render(status, "group", model);
  }

  private static String label(String field) {
    return switch (field) {
      case "name" -> "Name";
      case "email" -> "Email";
      case "roles" -> "Roles";
      default -> "File";
    };
  }

  private static ResponseEntity<String> see(HttpServletRequest request, String slug) {
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(URI.create(request.getContextPath() + "/groups/" + slug))
        .build();
  }

  private static ResponseEntity<String> signIn(HttpServletRequest request, String page) {
    return ResponseEntity.status(HttpStatus.FOUND)
        .location(
            URI.create(
                request.getContextPath()
                    + "/camunda/app/tasklist/default/?returnTo="
                    + java.net.URLEncoder.encode(page, StandardCharsets.UTF_8)
                    + "#/login"))
        .build();
  }
}
