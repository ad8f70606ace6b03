package org.pathtovictory.modeling;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/models/check}: the deployment check without deploying, for HTTP Basic callers
 * who are process editors; multipart like {@code /engine-rest/deployment/create} (optional part
 * {@code tenant-id}). Answers {@code {"problems": [...]}}, empty when a deploy would pass.
 */
@RestController
class ModelCheckController {

  static final String ONLY_EDITORS_CHECK =
      "Only process editors (Indivisible Organizers, process-editors, administrators) may check"
          + " and deploy models.";

  private final IdentityService identityService;
  private final ModelCheckWithoutDeploying check;

  ModelCheckController(IdentityService identityService, ModelCheckWithoutDeploying check) {
    this.identityService = identityService;
    this.check = check;
  }

  @PostMapping("/api/models/check")
  Map<String, List<LocatedProblem>> check(HttpServletRequest request) {
    ProcessEditors.require(identityService, ONLY_EDITORS_CHECK);
    String tenantId = request.getParameter("tenant-id");
    return Map.of(
        "problems",
        check.check(
            ModelUpload.resources(request),
            tenantId == null || tenantId.isBlank() ? null : tenantId));
  }

  @ExceptionHandler(ModelVersionsController.NotAnEditor.class)
  ResponseEntity<Map<String, Object>> forbidden(ModelVersionsController.NotAnEditor refused) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(Map.of("type", "Forbidden", "message", refused.getMessage()));
  }
}
