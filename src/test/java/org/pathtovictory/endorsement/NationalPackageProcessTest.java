package org.pathtovictory.endorsement;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.pathtovictory.CampaignDriver.startEndorsement;
import static org.pathtovictory.endorsement.Intake.endorsementDaysBeforeElection;

import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;

/** What every national endorsement comes with, delivered by the national team in parallel. */
class NationalPackageProcessTest extends ProcessTestSupport {

  @Test
  void nationalPackageDelivered() {
    var pi = startEndorsement(endorsementDaysBeforeElection(120));
    assertThat(task("Task_SendCampaignCheck", pi))
        .hasCandidateGroup("national-endorsements")
        .hasDueDate(dayAt(TODAY.plusDays(14), 17));
    complete(
        task("Task_SendCampaignCheck", pi),
        withVariables("checkSentDate", "2026-06-03", "checkReference", "1042"));
    complete(
        task("Task_PublishCandidateBio", pi),
        withVariables("candidateBioUrl", "https://indivisible.org/endorsements/riley"));
    complete(
        task("Task_CreateCustomGraphics", pi),
        withVariables("graphicsUrl", "https://drive.example.org/riley-graphics"));
    complete(
        task("Task_OrderSwag", pi),
        withVariables("swagItems", "200 buttons, 50 hats", "swagShipDate", "2026-06-15"));
    complete(
        task("Task_AnnounceInRoundPressRelease", pi),
        withVariables("roundPressReleaseDate", "2026-06-04"));
    assertThat(pi).hasPassed("EndEvent_NationalPackageDelivered");
    // the group's own campaign goes on once compliance has cleared it
    org.pathtovictory.CampaignDriver.passCompliance(pi);
    assertThat(pi).isActive().isWaitingAt("Task_HoldKickoffSession");
  }

  @Test
  void badLinkIsRefused() {
    var pi = startEndorsement(endorsementDaysBeforeElection(120));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                complete(
                    task("Task_PublishCandidateBio", pi),
                    withVariables("candidateBioUrl", "javascript:alert(1)")))
        .hasMessageContaining("candidateBioUrl");
    assertThat(pi).isWaitingAt("Task_PublishCandidateBio");
  }
}
