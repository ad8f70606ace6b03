package org.pathtovictory.compliance;

import java.time.Instant;
import java.util.Map;

/**
 * One compliance decision of an endorsement, as Camunda's history recorded it.
 *
 * @param endorsement the process instance id of the endorsement
 * @param processInstanceId the instance the decision was made in (the endorsement, its compliance
 *     review, a firewall acknowledgement or a spending question)
 * @param process the key of that instance's process
 * @param step the BPMN element (a user task, or the business rule task of {@code complianceRoute})
 * @param stepName its name, as organizers and volunteers see it
 * @param decidedBy the user who decided, or the decision table that did
 * @param decidedAt when
 * @param decision what was decided (variable name to value)
 * @param facts the values the decision was made on
 */
public record ComplianceDecision(
    String endorsement,
    String processInstanceId,
    String process,
    String step,
    String stepName,
    String decidedBy,
    Instant decidedAt,
    Map<String, Object> decision,
    Map<String, Object> facts) {}
