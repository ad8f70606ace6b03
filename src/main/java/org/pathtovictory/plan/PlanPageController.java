package org.pathtovictory.plan;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.pathtovictory.board.Pages;
import org.pathtovictory.board.SignIn;
import org.pathtovictory.board.Viewer;
import org.pathtovictory.modeling.ModelEditing;
import org.pathtovictory.system.InvalidInputException;
import org.pathtovictory.system.SessionCsrf;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The plan editor's pages: {@code /plan}, the list (no JavaScript needed), and the shells of the
 * editors ({@code /plan/{processKey}}, {@code /plan/decisions/{key}}, {@code /plan/forms/{key}},
 * {@code /plan/{processKey}/versions}), which the JavaScript of {@code /plan-assets/} fills. A
 * signed-out visitor goes through Tasklist's sign-in and back; anyone but a process editor gets a
 * page saying who may use it.
 */
@RestController
class PlanPageController {

  /** One row of the list: the newest version and, for a process, every version in use. */
  record Row(PlanModels.Model model, String name, List<ModelEditing.Version> versions) {}

  private final PlanSession session;
  private final PlanModels models;
  private final ModelEditing editing;
  private final PlanPages planPages;
  private final Pages pages;

  PlanPageController(
      PlanSession session,
      PlanModels models,
      ModelEditing editing,
      PlanPages planPages,
      Pages pages) {
    this.session = session;
    this.models = models;
    this.editing = editing;
    this.planPages = planPages;
    this.pages = pages;
  }

  @GetMapping(value = "/plan", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> list(HttpServletRequest request) {
    return asEditor(
        request,
        viewer -> {
          List<Row> processes = new ArrayList<>();
          for (PlanModels.Model process : models.processes()) {
            processes.add(new Row(process, process.name(), versionsInUse(viewer, process)));
          }
          List<Row> decisions =
              models.decisions().stream().map(d -> new Row(d, d.name(), List.of())).toList();
          List<Row> forms =
              models.forms().stream().map(f -> new Row(f, models.formName(f), List.of())).toList();
          Map<String, Object> model = new LinkedHashMap<>();
          model.put("viewer", viewer);
          model.put("processes", processes);
          model.put("decisions", decisions);
          model.put("forms", forms);
          return planPages.render("list", model);
        });
  }

  @GetMapping(value = "/plan/{processKey}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> process(HttpServletRequest request, @PathVariable String processKey) {
    return shell(
        request,
        "bpmn",
        () -> models.process(processKey),
        "process",
        processKey,
        m -> "Edit the process: " + m.name());
  }

  @GetMapping(value = "/plan/{processKey}/versions", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> versions(HttpServletRequest request, @PathVariable String processKey) {
    return shell(
        request,
        "versions",
        () -> models.process(processKey),
        "process",
        processKey,
        m -> "Versions of " + m.name());
  }

  @GetMapping(value = "/plan/decisions/{decisionKey}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> decision(HttpServletRequest request, @PathVariable String decisionKey) {
    return shell(
        request,
        "dmn",
        () -> models.decision(decisionKey),
        "decision",
        decisionKey,
        m -> "Edit the decision: " + m.name());
  }

  @GetMapping(value = "/plan/forms/{formKey}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> form(HttpServletRequest request, @PathVariable String formKey) {
    return shell(
        request,
        "form",
        () -> models.form(formKey),
        "form",
        formKey,
        m -> "Edit the form: " + models.formName(m));
  }

  private ResponseEntity<String> shell(
      HttpServletRequest request,
      String page,
      Supplier<Optional<PlanModels.Model>> lookup,
      String kind,
      String key,
      Function<PlanModels.Model, String> title) {
    return asEditor(
        request,
        viewer -> {
          Optional<PlanModels.Model> found = lookup.get();
          if (found.isEmpty()) {
            return pages.message(
                HttpStatus.NOT_FOUND,
                "No such " + kind,
                "No " + kind + " has the key “" + key + "”. Open it from the list on /plan.");
          }
          Map<String, Object> model = new LinkedHashMap<>();
          model.put("title", title.apply(found.get()));
          model.put("page", page);
          model.put("key", key);
          model.put("version", found.get().version());
          model.put("csrf", SessionCsrf.token(request.getSession()));
          return planPages.render("shell", model);
        });
  }

  private ResponseEntity<String> asEditor(
      HttpServletRequest request, Function<Viewer, ResponseEntity<String>> page) {
    Optional<Viewer> viewer = session.viewer(request);
    if (viewer.isEmpty()) {
      return SignIn.andBack(request);
    }
    if (!PlanSession.isEditor(viewer.get())) {
      return pages.message(
          HttpStatus.FORBIDDEN, "Only process editors change the plan", PlanSession.ONLY_EDITORS);
    }
    return page.apply(viewer.get());
  }

  /** The versions of a process with running campaigns, and the newest. */
  private List<ModelEditing.Version> versionsInUse(Viewer viewer, PlanModels.Model process) {
    try {
      return session.as(viewer, () -> editing.versions(process.key())).versions().stream()
          .filter(v -> v.newest() || v.runningCampaigns() > 0)
          .toList();
    } catch (InvalidInputException onlyLocal) {
      return List.of(); // a local group's own process: its versions are not listed here
    }
  }
}
