package org.pathtovictory.compliance;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The compliance audit trail of an endorsement (its process instance id), as JSON and as a CSV
 * export. Behind the HTTP Basic filter on {@code /api/*}; the engine checks the user's
 * authorizations and tenants, so an endorsement the user may not see answers 404.
 */
@RestController
@RequestMapping("/api/endorsements/{processInstanceId}")
class ComplianceAuditController {

  static final MediaType TEXT_CSV =
      new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

  private final ComplianceAuditTrail auditTrail;

  ComplianceAuditController(ComplianceAuditTrail auditTrail) {
    this.auditTrail = auditTrail;
  }

  @GetMapping(value = "/compliance-decisions", produces = MediaType.APPLICATION_JSON_VALUE)
  List<ComplianceDecision> decisions(@PathVariable String processInstanceId) {
    return decisionsOf(processInstanceId);
  }

  @GetMapping("/compliance-decisions.csv")
  ResponseEntity<String> decisionsAsCsv(@PathVariable String processInstanceId) {
    String csv = ComplianceDecisionsCsv.write(decisionsOf(processInstanceId));
    return ResponseEntity.ok()
        .contentType(TEXT_CSV)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"compliance-decisions-" + processInstanceId + ".csv\"")
        .body(csv);
  }

  private List<ComplianceDecision> decisionsOf(String processInstanceId) {
    return auditTrail
        .decisionsOf(processInstanceId)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND,
                    "No endorsement " + processInstanceId + " that you may see"));
  }
}
