package org.pathtovictory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.pathtovictory.board.JointBoardCampaigns;
import org.pathtovictory.endorsement.Intake;
import org.pathtovictory.identity.CampaignRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Not a test: what a statewide joint campaign costs against a campaign of one group. A campaign led
 * by one group with ten partner groups (the ten made here, each with its five volunteers) and a
 * campaign of one group are walked the same way ({@link LifecycleBenchmark#campaign}: compliance,
 * quick plan, get-out-the-vote, result, wrap-up), each partner confirming, planning its part,
 * reaching voter contact, getting out the vote and wrapping up in its own tenant; in the same run,
 * alternating. Per campaign: time, and the engine's rows (ACT_RU_* while the campaign runs in voter
 * contact, ACT_HI_* it leaves behind).
 */
@SpringBootTest(
    properties = {
      "spring.profiles.active=${benchmark.profiles:test}",
      "benchmark.context=jointCampaign"
    })
@DirtiesContext
class JointCampaignBenchmark {

  static final int PARTNERS = Integer.getInteger("benchmark.joint.partners", 10);
  static final int ROUNDS = Integer.getInteger("benchmark.joint.rounds", 3);

  /** The lead group, whose volunteers LifecycleBenchmark's plan names. */
  static final String LEAD = "ny24-ithaca";

  @Autowired ProcessEngine app;
  @Autowired DataSource dataSource;

  @Test
  void statewideCampaignWithTenPartnersAgainstOneGroup() throws Exception {
    BpmnAwareTests.init(app);
    List<String> partners = new ArrayList<>();
    for (int i = 1; i <= PARTNERS; i++) {
      partners.add(String.format("ny-bench-%02d", i));
    }
    LifecycleBenchmark.fixtures(app.getIdentityService());
    partners.forEach(group -> localGroup(app.getIdentityService(), group));

    long[] nanos = new long[2];
    Map<String, Long>[] runtimeRows = new Map[2];
    long[] historyRows = new long[2];
    for (int round = -1; round < ROUNDS; round++) {
      // round -1 warms up; then which campaign goes first alternates
      for (int side : round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
        Map<String, Long> historyBefore = rows("act_hi_");
        // earlier rounds' leads still run (the national package stays open): count what this adds
        Map<String, Long> runtimeBefore = rows("act_ru_");
        Map<String, Long>[] running = new Map[1];
        long t0 = System.nanoTime();
        ProcessInstance lead =
            side == 0
                ? LifecycleBenchmark.campaign(
                    app, intake(String.join(",", partners)), walk(partners, running))
                : LifecycleBenchmark.campaign(app, intake(null), oneGroup(running));
        long elapsed = System.nanoTime() - t0;
        // the lead's own instance runs on with the national package, which the walk leaves open
        assertThat(
                app.getRuntimeService()
                    .createProcessInstanceQuery()
                    .rootProcessInstanceId(lead.getId())
                    .list())
            .as("every group's part ended with the campaign")
            .allMatch(instance -> instance.getId().equals(lead.getId()));
        if (round >= 0) {
          nanos[side] += elapsed;
          Map<String, Long> added = new java.util.TreeMap<>();
          running[0].forEach(
              (table, now) -> added.put(table, now - runtimeBefore.getOrDefault(table, 0L)));
          runtimeRows[side] = added;
          historyRows[side] += total(rows("act_hi_")) - total(historyBefore);
        }
      }
    }
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("partner_groups", PARTNERS);
    section.put("rounds", ROUNDS);
    section.put(
        "joint_ms_per_campaign",
        BenchReport.measured("joint_ms_per_campaign", nanos[0] / 1_000_000 / ROUNDS));
    section.put(
        "one_group_ms_per_campaign",
        BenchReport.measured("one_group_ms_per_campaign", nanos[1] / 1_000_000 / ROUNDS));
    section.put("time_ratio", Math.round(nanos[0] * 100.0 / nanos[1]) / 100.0);
    section.put("joint_runtime_rows_in_voter_contact", total(runtimeRows[0]));
    section.put("one_group_runtime_rows_in_voter_contact", total(runtimeRows[1]));
    section.put("joint_history_rows_per_campaign", historyRows[0] / ROUNDS);
    section.put("one_group_history_rows_per_campaign", historyRows[1] / ROUNDS);
    section.put("joint_runtime_rows_by_table", runtimeRows[0]);
    section.put(
        "campaign",
        "GOTV_ONLY track, general election won, as LifecycleBenchmark; the joint campaign's"
            + " partners each confirm, plan their part, reach voter contact, get out the vote and"
            + " wrap up; no user signed in");
    BenchReport.section("jointCampaign", BenchReport.database(dataSource), section);
    System.out.println("BENCHMARK jointCampaign " + section);
  }

  private static Map<String, Object> intake(String partnerGroups) {
    var intake = Intake.endorsementDaysBeforeElection(20);
    intake = Intake.with(intake, "leadGroup", LEAD);
    intake = Intake.with(intake, "race", "NY");
    intake = Intake.with(intake, "raceScope", "STATEWIDE");
    intake = Intake.with(intake, "office", "Governor");
    return partnerGroups == null ? intake : Intake.with(intake, "partnerGroups", partnerGroups);
  }

  /** The ten partners' part, at each stage of the lead's walk. */
  private LifecycleBenchmark.Partners walk(List<String> groups, Map<String, Long>[] running) {
    return new LifecycleBenchmark.Partners() {
      @Override
      public void afterPlan(ProcessInstance lead) {
        for (String group : groups) {
          ProcessInstance partner = JointBoardCampaigns.partnerOf(lead, group);
          JointBoardCampaigns.confirm(partner, true);
          JointBoardCampaigns.partnerToVoterContact(partner);
        }
        running[0] = rowsOrFail("act_ru_");
      }

      @Override
      public void afterGotvStarts(ProcessInstance lead) {
        for (String group : groups) {
          ProcessInstance partner = JointBoardCampaigns.partnerOf(lead, group);
          Job gotv =
              app.getManagementService()
                  .createJobQuery()
                  .processInstanceId(partner.getId())
                  .activityId("TimerEvent_GotvStarts")
                  .singleResult();
          if (gotv != null) {
            app.getManagementService().executeJob(gotv.getId());
          }
          while (JointBoardCampaigns.completeOpen(
              partner, JointBoardCampaigns.GOTV_AND_WRAP_UP_STEPS)) {
            // until the partner's push is done
          }
        }
      }

      @Override
      public void afterResult(ProcessInstance lead) {
        JointBoardCampaigns.runJobs(lead);
        for (String group : groups) {
          ProcessInstance partner = JointBoardCampaigns.partnerOf(lead, group);
          if (partner == null) {
            continue;
          }
          while (JointBoardCampaigns.completeOpen(
              partner, JointBoardCampaigns.GOTV_AND_WRAP_UP_STEPS)) {
            // until its wrap-up is done
          }
        }
      }
    };
  }

  private LifecycleBenchmark.Partners oneGroup(Map<String, Long>[] running) {
    return new LifecycleBenchmark.Partners() {
      @Override
      public void afterPlan(ProcessInstance lead) {
        running[0] = rowsOrFail("act_ru_");
      }
    };
  }

  private Map<String, Long> rowsOrFail(String prefix) {
    try {
      return rows(prefix);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows now in each engine table of this prefix (the benchmark's database holds nothing else). */
  private Map<String, Long> rows(String prefix) throws SQLException {
    Map<String, Long> rows = new java.util.TreeMap<>();
    try (var connection = dataSource.getConnection()) {
      List<String> tables = new ArrayList<>();
      try (var found =
          connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (found.next()) {
          String table = found.getString("TABLE_NAME");
          if (table.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            tables.add(table);
          }
        }
      }
      for (String table : tables) {
        try (var statement = connection.createStatement();
            var count = statement.executeQuery("select count(*) from " + table)) {
          count.next();
          if (count.getLong(1) > 0) {
            rows.put(table.toLowerCase(Locale.ROOT), count.getLong(1));
          }
        }
      }
    }
    return rows;
  }

  private static long total(Map<String, Long> rows) {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A local group with its five volunteers, one per role, each with a mail address. */
  private static void localGroup(IdentityService identity, String slug) {
    if (identity.createTenantQuery().tenantId(slug).count() > 0) {
      return;
    }
    var tenant = identity.newTenant(slug);
    tenant.setName("Bench group " + slug);
    identity.saveTenant(tenant);
    for (CampaignRole role : CampaignRole.localRoles()) {
      String userId = slug + "-" + role.groupId();
      var user = identity.newUser(userId);
      user.setFirstName(slug);
      user.setLastName(role.displayName());
      user.setEmail(userId + "@example.org");
      identity.saveUser(user);
      if (identity.createGroupQuery().groupId(role.groupId()).count() == 0) {
        var group = identity.newGroup(role.groupId());
        group.setName(role.displayName());
        identity.saveGroup(group);
      }
      identity.createMembership(userId, role.groupId());
      identity.createTenantUserMembership(slug, userId);
    }
  }
}
