package org.pathtovictory.endorsement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pathtovictory.endorsement.Intake.endorsementDaysBeforeElection;
import static org.pathtovictory.endorsement.Intake.with;
import static org.pathtovictory.endorsement.Intake.without;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;
import org.springframework.beans.factory.annotation.Autowired;

class IntakeProcessTest extends ProcessTestSupport {

  @Autowired RuntimeService runtimeService;

  private ProcessInstance start(Map<String, Object> vars) {
    return runtimeService.startProcessInstanceByKey("post-endorsement", vars);
  }

  @Test
  void validIntakeGetsBusinessKeyTenantAndCalendar() {
    // Given an endorsement 120 days before a general election with a primary in 30 days
    var vars =
        with(endorsementDaysBeforeElection(120), "primaryDate", TODAY.plusDays(30).toString());
    // When the group lead records it
    ProcessInstance instance = start(vars);
    // Then the instance belongs to the lead group and the calendar looks at the primary
    assertThat(instance.getTenantId()).isEqualTo(ITHACA);
    assertThat(instance.getBusinessKey()).isEqualTo("NY-24/ny24-ithaca/" + TODAY.plusDays(120));
    var history =
        processEngine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(instance.getId())
            .list();
    Map<String, Object> recorded = new java.util.HashMap<>();
    history.forEach(v -> recorded.put(v.getName(), v.getValue()));
    assertThat(recorded)
        .containsEntry("endorsementDate", TODAY.toString())
        .containsEntry("nextElection", "PRIMARY")
        .containsEntry("nextElectionDate", TODAY.plusDays(30).toString())
        .containsEntry("daysToElection", 30L)
        .containsEntry("gotvStartDate", TODAY.plusDays(16).toString())
        .containsEntry("jointCampaign", false);
  }

  @Test
  void badIntakeIsRefusedNamingTheFieldAndStartsNothing() {
    var good = endorsementDaysBeforeElection(120);
    long instancesBefore =
        processEngine.getHistoryService().createHistoricProcessInstanceQuery().count();
    assertRefused(
        with(good, "generalElectionDate", TODAY.minusDays(1).toString()), "generalElectionDate");
    assertRefused(with(good, "organizationType", "CHURCH"), "organizationType");
    assertRefused(with(good, "generalElectionDate", "11/03/2026"), "generalElectionDate");
    assertRefused(without(good, "candidateName"), "candidateName");
    assertRefused(with(good, "plannedSpending", true), "spendingDescription");
    assertRefused(with(good, "organizerEmail", "not-an-email"), "organizerEmail");
    assertRefused(with(good, "leadGroup", "nowhere-group"), "leadGroup");
    assertRefused(with(good, "partnerGroups", "Bad Slug!"), "partnerGroups");
    assertRefused(with(good, "partnerGroups", "nowhere-group"), "partnerGroups");
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().count())
        .isEqualTo(instancesBefore);
  }

  @Test
  void volunteerCannotStartForAnotherGroup() {
    identityService.setAuthentication("a2-lead", List.of("group-leads"), List.of(ANN_ARBOR));
    assertRefused(endorsementDaysBeforeElection(120), "leadGroup");
  }

  private void assertRefused(Map<String, Object> vars, String field) {
    assertThatThrownBy(() -> start(vars))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.getProblems()).extracting(Problem::field).contains(field));
  }
}
