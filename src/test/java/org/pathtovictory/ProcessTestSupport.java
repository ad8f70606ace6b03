package org.pathtovictory;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Base of the process tests: the whole application on the test database (H2, or PostgreSQL in the
 * second Surefire run), a fixed "today", the demo tenants as fixtures, and process test coverage.
 */
@SpringBootTest
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(
    value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class ProcessTestSupport {

  public static final ZoneId ZONE = ZoneId.of("America/New_York");

  /** "Today" in every process test, so calendars and due dates are exact. */
  public static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  public static final String ITHACA = "ny24-ithaca";
  public static final String ANN_ARBOR = "a2-indivisible";

  @Autowired protected ProcessEngine processEngine;
  @Autowired protected IdentityService identityService;

  @BeforeEach
  void initEngineAndClock() {
    init(processEngine);
    setToday(TODAY);
    for (String tenant : new String[] {ITHACA, ANN_ARBOR}) {
      if (identityService.createTenantQuery().tenantId(tenant).count() == 0) {
        identityService.saveTenant(identityService.newTenant(tenant));
      }
    }
    volunteer("ithaca-canvass", "canvass-leads", ITHACA);
    volunteer("ithaca-press", "press-liaisons", ITHACA);
    volunteer("ithaca-recruit", "recruitment-captains", ITHACA);
    volunteer("ithaca-phones", "phonebank-leads", ITHACA);
    volunteer("a2-canvass", "canvass-leads", ANN_ARBOR);
  }

  /** A fixture volunteer with one role in one local group. */
  protected void volunteer(String userId, String groupId, String tenantId) {
    if (identityService.createUserQuery().userId(userId).count() > 0) {
      return;
    }
    var user = identityService.newUser(userId);
    user.setFirstName(userId);
    user.setLastName("Volunteer");
    user.setEmail(userId + "@example.org");
    identityService.saveUser(user);
    identityService.createMembership(userId, groupId);
    identityService.createTenantUserMembership(tenantId, userId);
  }

  @AfterEach
  void resetClockAndUser() {
    ClockUtil.reset();
    identityService.clearAuthentication();
  }

  /** The candidate groups of a task, also when a named lead is its assignee. */
  protected java.util.List<String> candidateGroupsOf(org.camunda.bpm.engine.task.Task task) {
    return processEngine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
        .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId)
        .toList();
  }

  protected static void setToday(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(9, 0).atZone(ZONE).toInstant()));
  }

  protected static Date dayAt(LocalDate day, int hour) {
    return Date.from(day.atTime(hour, 0).atZone(ZONE).toInstant());
  }
}
