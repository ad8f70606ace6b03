package org.pathtovictory.modeling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.pathtovictory.system.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Versions of a process and moving running campaigns between them, for process editors: the
 * Indivisible Organizers, the {@code process-editors} an administrator names, and administrators.
 * Behind the HTTP Basic filter on {@code /api/*}; the caller is the engine user of the credentials.
 */
@RestController
@RequestMapping("/api/models/{processKey}")
class ModelVersionsController {

  static final Set<String> EDITOR_GROUPS =
      Set.of("indivisible-organizers", "process-editors", Groups.CAMUNDA_ADMIN);

  /** The body of a migration or a rollback. */
  record MigrationRequest(Integer from, Integer to, Map<String, String> mappings) {}

  static class NotAnEditor extends RuntimeException {
    NotAnEditor(String message) {
      super(message);
    }
  }

  private final IdentityService identityService;
  private final ModelVersions versions;

  ModelVersionsController(IdentityService identityService, ModelVersions versions) {
    this.identityService = identityService;
    this.versions = versions;
  }

  @GetMapping("/versions")
  ModelVersions.Versions versions(@PathVariable String processKey) {
    requireEditor();
    return versions.versions(processKey);
  }

  @GetMapping("/changes")
  ModelChanges.Report changes(
      @PathVariable String processKey,
      @RequestParam(required = false) Integer from,
      @RequestParam(required = false) Integer to) {
    requireEditor();
    return versions.changes(processKey, from, to);
  }

  /**
   * The dry run. Mappings as {@code mappings=oldId:newId,otherOldId:otherNewId}, the same as the
   * body of the migration.
   */
  @GetMapping("/migration")
  ModelVersions.DryRun dryRun(
      @PathVariable String processKey,
      @RequestParam(required = false) Integer from,
      @RequestParam(required = false) Integer to,
      @RequestParam(required = false) String mappings) {
    requireEditor();
    return versions.dryRun(processKey, from, to, parse(mappings));
  }

  @PostMapping("/migration")
  ModelVersions.Migration migrate(
      @PathVariable String processKey, @RequestBody(required = false) MigrationRequest request) {
    requireEditor();
    if (request == null) {
      throw new InvalidInputException(
          "from", "send {\"from\": N, \"to\": M, \"mappings\": {\"oldId\": \"newId\"}}");
    }
    return versions.migrate(processKey, request.from(), request.to(), mappingsOf(request));
  }

  @PostMapping("/rollback")
  ModelVersions.Rollback rollback(
      @PathVariable String processKey, @RequestBody(required = false) MigrationRequest request) {
    requireEditor();
    return versions.rollback(processKey, request == null ? Map.of() : mappingsOf(request));
  }

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidInputException refused) {
    return ResponseEntity.badRequest()
        .body(
            Map.of(
                "message",
                refused.getMessage(),
                "problems",
                refused.getProblems().stream()
                    .map(p -> Map.of("field", p.field(), "reason", p.reason()))
                    .toList()));
  }

  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    MethodArgumentTypeMismatchException.class
  })
  ResponseEntity<Map<String, Object>> unreadable(Exception refused) {
    String field =
        refused instanceof MethodArgumentTypeMismatchException mismatch
            ? mismatch.getName()
            : "body";
    String reason =
        "body".equals(field)
            ? "must be JSON like {\"from\": 1, \"to\": 2, \"mappings\": {\"oldId\": \"newId\"}}"
            : "must be a version number";
    return invalid(new InvalidInputException(field, reason));
  }

  @ExceptionHandler(NotAnEditor.class)
  ResponseEntity<Map<String, Object>> forbidden(NotAnEditor refused) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(Map.of("message", refused.getMessage()));
  }

  private void requireEditor() {
    ProcessEditors.require(identityService, ProcessEditors.ONLY_EDITORS);
  }

  private static Map<String, String> mappingsOf(MigrationRequest request) {
    return request.mappings() == null ? Map.of() : new LinkedHashMap<>(request.mappings());
  }

  static Map<String, String> parse(String mappings) {
    Map<String, String> parsed = new LinkedHashMap<>();
    if (mappings == null || mappings.isBlank()) {
      return parsed;
    }
    for (String pair : mappings.split(",")) {
      String[] ids = pair.split(":", -1);
      if (ids.length != 2 || ids[0].isBlank() || ids[1].isBlank()) {
        throw new InvalidInputException(
            "mappings", "write each mapping as oldId:newId, separated by commas, not " + pair);
      }
      parsed.put(ids[0].trim(), ids[1].trim());
    }
    return parsed;
  }
}
