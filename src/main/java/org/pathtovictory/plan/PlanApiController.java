package org.pathtovictory.plan;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathtovictory.board.Viewer;
import org.pathtovictory.modeling.LocatedProblem;
import org.pathtovictory.modeling.ModelEditing;
import org.pathtovictory.modeling.ModelUpload;
import org.pathtovictory.system.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON the editor pages call, on Tasklist's session: process editors only (signed out 401, not
 * an editor 403); calls that change something carry the session's token in {@code X-PTV-CSRF}.
 * Refusals answer {@code {"message": ...}} with a 4xx ({@link PlanRefusal}, {@code
 * system.ApiExceptionAdvice}).
 */
@RestController
@RequestMapping("/plan/api")
class PlanApiController {

  /** The body of a migration or a rollback. */
  record MigrationRequest(Integer from, Integer to, Map<String, String> mappings) {}

  private final PlanSession session;
  private final PlanModels models;
  private final PlanChoices choices;
  private final PlanDeployer deployer;
  private final ModelEditing editing;

  PlanApiController(
      PlanSession session,
      PlanModels models,
      PlanChoices choices,
      PlanDeployer deployer,
      ModelEditing editing) {
    this.session = session;
    this.models = models;
    this.choices = choices;
    this.deployer = deployer;
    this.editing = editing;
  }

  /** Answers hold the plan as it is now: never cached. */
  @ModelAttribute
  void noStore(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
  }

  @GetMapping("/processes/{key}")
  Map<String, Object> process(HttpServletRequest request, @PathVariable String key) {
    session.editor(request);
    PlanModels.Model process = models.process(key).orElseThrow(() -> notFound("process", key));
    return model(process, "xml", models.text(process));
  }

  @GetMapping("/decisions/{key}")
  Map<String, Object> decision(HttpServletRequest request, @PathVariable String key) {
    session.editor(request);
    PlanModels.Model decision = models.decision(key).orElseThrow(() -> notFound("decision", key));
    return model(decision, "xml", models.text(decision));
  }

  @GetMapping("/forms/{formKey}")
  Map<String, Object> form(HttpServletRequest request, @PathVariable String formKey) {
    session.editor(request);
    PlanModels.Model form = models.form(formKey).orElseThrow(() -> notFound("form", formKey));
    Map<String, Object> answer = model(form, "schema", models.formSchema(form));
    answer.remove("definitionId");
    return answer;
  }

  @GetMapping("/element-templates")
  List<JsonNode> elementTemplates(HttpServletRequest request) {
    session.editor(request);
    return choices.templates();
  }

  @GetMapping("/choices")
  PlanChoices.Choices choices(HttpServletRequest request) {
    session.editor(request);
    return choices.choices();
  }

  @PostMapping("/check")
  Map<String, List<LocatedProblem>> check(HttpServletRequest request) {
    session.editor(request);
    Map<String, byte[]> resources = ModelUpload.resources(request);
    return Map.of("problems", deployer.check(resources, version(request, "basedOnVersion")));
  }

  @PostMapping("/deploy")
  PlanDeployer.Deployed deploy(HttpServletRequest request) {
    Viewer viewer = session.editorChanging(request);
    String description = request.getParameter("description");
    Integer basedOn = version(request, "basedOnVersion");
    String force = request.getParameter("force");
    if (force != null && !force.equals("true") && !force.equals("false")) {
      throw new InvalidInputException("force", "must be true or false");
    }
    PlanDeployer.description(description); // named before the files, which may be many
    return deployer.deploy(
        viewer, ModelUpload.resources(request), description, basedOn, "true".equals(force));
  }

  @GetMapping("/processes/{key}/versions")
  ModelEditing.Versions versions(HttpServletRequest request, @PathVariable String key) {
    Viewer viewer = session.editor(request);
    return session.as(viewer, () -> editing.versions(key));
  }

  @GetMapping("/processes/{key}/versions/{version}/xml")
  Map<String, Object> versionXml(
      HttpServletRequest request, @PathVariable String key, @PathVariable int version) {
    session.editor(request);
    String xml =
        models
            .processXml(key, version)
            .orElseThrow(
                () ->
                    new PlanRefusal(
                        404, "The process " + key + " has no version " + version + "."));
    return Map.of("version", version, "xml", xml);
  }

  @GetMapping("/processes/{key}/changes")
  Object changes(
      HttpServletRequest request,
      @PathVariable String key,
      @RequestParam(required = false) Integer from,
      @RequestParam(required = false) Integer to) {
    Viewer viewer = session.editor(request);
    return session.as(viewer, () -> editing.changes(key, from, to));
  }

  @GetMapping("/processes/{key}/migration")
  Object dryRun(
      HttpServletRequest request,
      @PathVariable String key,
      @RequestParam(required = false) Integer from,
      @RequestParam(required = false) Integer to,
      @RequestParam(required = false) String mappings) {
    Viewer viewer = session.editor(request);
    return session.as(viewer, () -> editing.dryRun(key, from, to, mappings));
  }

  @PostMapping("/processes/{key}/migration")
  Object migrate(
      HttpServletRequest request,
      @PathVariable String key,
      @RequestBody(required = false) MigrationRequest body) {
    Viewer viewer = session.editorChanging(request);
    if (body == null) {
      throw new InvalidInputException(
          "from", "send {\"from\": N, \"to\": M, \"mappings\": {\"oldId\": \"newId\"}}");
    }
    return session.as(viewer, () -> editing.migrate(key, body.from(), body.to(), body.mappings()));
  }

  @GetMapping("/processes/{key}/rollback")
  Object rollbackDryRun(
      HttpServletRequest request,
      @PathVariable String key,
      @RequestParam(required = false) String mappings) {
    Viewer viewer = session.editor(request);
    return session.as(viewer, () -> editing.rollbackDryRun(key, mappings));
  }

  @PostMapping("/processes/{key}/rollback")
  Object rollback(
      HttpServletRequest request,
      @PathVariable String key,
      @RequestBody(required = false) MigrationRequest body) {
    Viewer viewer = session.editorChanging(request);
    return session.as(
        viewer, () -> editing.rollback(key, body == null ? Map.of() : body.mappings()));
  }

  private static Map<String, Object> model(PlanModels.Model model, String field, Object content) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("key", model.key());
    answer.put("version", model.version());
    answer.put("definitionId", model.definitionId());
    answer.put("tenantId", model.tenantId());
    answer.put(field, content);
    answer.put("deployedBy", model.deployedBy());
    answer.put("deployedAt", model.deployedAt());
    answer.put("description", model.description());
    return answer;
  }

  private static PlanRefusal notFound(String kind, String key) {
    return new PlanRefusal(
        404, "No " + kind + " has the key “" + key + "”. Open it from the list on /plan.");
  }

  private static Integer version(HttpServletRequest request, String field) {
    String value = request.getParameter(field);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int version = Integer.parseInt(value.trim());
      if (version < 1) {
        throw new NumberFormatException();
      }
      return version;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(field, "must be a version number such as 3");
    }
  }
}
