package org.pathtovictory.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.WebTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/** Ithaca leads a joint campaign with Ann Arbor as partner: Ann Arbor sees it, and no more. */
class JointCampaignsTest extends WebTestSupport {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;

  private String instanceId;

  @BeforeEach
  void ithacaLeadsAJointCampaignWithAnnArbor() {
    SecurityMatrixModel.deployOnce(repositoryService);
    instanceId =
        runtimeService
            .startProcessInstanceByKey(
                "security-matrix",
                "NY-24/ny24-ithaca/2026-11-03",
                Map.of(
                    "leadGroup",
                    ProcessTestSupport.ITHACA,
                    "partnerGroups",
                    ProcessTestSupport.ANN_ARBOR,
                    "jointCampaign",
                    true,
                    "candidateName",
                    "Josh Riley",
                    "organizerEmail",
                    "organizer@demo.pathtovictory.test"))
            .getId();
  }

  @AfterEach
  void endIt() {
    runtimeService.deleteProcessInstance(instanceId, "test over");
  }

  @Test
  void partnerGroupSeesTheCampaignSummaryButNotTheLeadGroupsData() {
    var partner = get("/api/joint-campaigns", "a2-canvass");
    assertThat(partner.statusCode()).isEqualTo(200);
    assertThat(partner.body())
        .contains("NY-24/ny24-ithaca/2026-11-03", "Josh Riley", "Plan the campaign", "group-leads")
        .doesNotContain("organizer@demo.pathtovictory.test", instanceId);
    // the campaign itself stays in Ithaca's tenant
    assertThat(get("/engine-rest/process-instance/" + instanceId, "a2-lead").statusCode())
        .isIn(403, 404);
    // the lead group is not its own partner; strangers get nothing at all
    assertThat(get("/api/joint-campaigns", "ithaca-lead").body()).isEqualTo("[]");
    assertThat(get("/api/joint-campaigns", null).statusCode()).isEqualTo(401);
  }
}
