package org.pathtovictory.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The deadline scan reads the people and campaign of many tasks at once ({@link OpenTaskFacts}) and
 * each person and group once per scan ({@link Recipients#remembering()}): it must find what reading
 * each task alone finds.
 */
class OpenTaskFactsTest extends NotificationTestSupport {

  @Autowired OpenTaskFacts openTasks;
  @Autowired Recipients recipients;

  @Test
  void bulkReadFindsTheSamePeopleAndCampaignAsReadingEachTaskAlone() {
    // Given tasks waiting for a local group's role, an assignee, a candidate user, no one, a
    // national role, one with its own candidate name, and one outside any campaign or local group
    Task group = startTask(ITHACA, PRESS, null, due(TODAY.plusDays(1)));
    Task assigned = startTask(ANN_ARBOR, PRESS, "t-a2-press", due(TODAY.plusDays(1)));
    Task candidateUser = startTask(ITHACA, PRESS, null, due(TODAY.plusDays(1)), "Pat Ryan");
    taskService.deleteCandidateGroup(candidateUser.getId(), PRESS);
    taskService.addCandidateUser(candidateUser.getId(), "t-ithaca-canvass");
    Task noOne = startTask(ITHACA, PRESS, null, due(TODAY.plusDays(1)));
    taskService.deleteCandidateGroup(noOne.getId(), PRESS);
    Task national = startTask(ITHACA, NATIONAL, null, due(TODAY.plusDays(1)));
    Task ownName = startTask(ITHACA, CANVASS, null, due(TODAY.plusDays(1)));
    taskService.setVariableLocal(ownName.getId(), "candidateName", "Sam Lee");
    Task standalone = taskService.newTask();
    standalone.setName("Call the printer");
    standalone.setDueDate(due(TODAY.plusDays(1)));
    taskService.saveTask(standalone);
    taskService.addCandidateGroup(standalone.getId(), ORGANIZERS);
    try {
      List<Task> tasks =
          List.of(group, assigned, candidateUser, noOne, national, ownName, standalone).stream()
              .map(t -> taskService.createTaskQuery().taskId(t.getId()).singleResult())
              .toList();

      // When they are read in bulk
      List<TaskFacts> bulk = openTasks.factsOf(tasks);

      // Then each task's facts and people are those read task by task
      Recipients scan = recipients.remembering();
      scan.readPeopleOf(bulk);
      for (int i = 0; i < tasks.size(); i++) {
        TaskFacts alone = readAlone(tasks.get(i));
        assertThat(bulk.get(i)).isEqualTo(alone);
        assertThat(ids(scan.waitingFor(bulk.get(i)))).isEqualTo(ids(recipients.waitingFor(alone)));
        assertThat(ids(scan.escalationFor(bulk.get(i))))
            .isEqualTo(ids(recipients.escalationFor(alone)));
      }
      // and those are the people each kind of task waits for
      assertThat(ids(scan.waitingFor(bulk.get(0))))
          .containsExactlyInAnyOrder("t-ithaca-press1", "t-ithaca-press2", "t-ithaca-noemail");
      assertThat(ids(scan.waitingFor(bulk.get(1)))).containsExactly("t-a2-press");
      assertThat(ids(scan.waitingFor(bulk.get(2)))).containsExactly("t-ithaca-canvass");
      assertThat(scan.waitingFor(bulk.get(3))).isEmpty();
      assertThat(ids(scan.waitingFor(bulk.get(4)))).containsExactly("t-national");
      assertThat(ids(scan.waitingFor(bulk.get(6)))).containsExactly("t-organizer");
      assertThat(bulk.get(0).candidateName()).isEqualTo("Josh Riley");
      assertThat(bulk.get(0).race()).isEqualTo("NY-24");
      assertThat(bulk.get(2).candidateName()).isEqualTo("Pat Ryan");
      assertThat(bulk.get(5).candidateName()).isEqualTo("Sam Lee");
      assertThat(bulk.get(6).candidateName()).isNull();
    } finally {
      taskService.deleteTask(standalone.getId(), true);
    }
  }

  @Test
  void memberThroughAGroupOfTheLocalGroupHearsOfItsTasksOnly() {
    // Given a press liaison who belongs to Ithaca through a group of Ithaca, not directly
    identityService.saveGroup(identityService.newGroup("t-ithaca-everyone"));
    identityService.createTenantGroupMembership(ITHACA, "t-ithaca-everyone");
    volunteer("t-ithaca-viagroup", PRESS, null, true);
    identityService.createMembership("t-ithaca-viagroup", "t-ithaca-everyone");
    try {
      // When press tasks of Ithaca and of Ann Arbor are read as the scan reads them
      List<TaskFacts> facts =
          openTasks.factsOf(
              List.of(
                  startTask(ITHACA, PRESS, null, due(TODAY.plusDays(1))),
                  startTask(ANN_ARBOR, PRESS, null, due(TODAY.plusDays(1)))));

      // Then they wait for Ithaca's press liaisons, that one among them, and Ann Arbor's
      for (Recipients people : List.of(recipients, recipients.remembering())) {
        assertThat(ids(people.waitingFor(facts.get(0))))
            .containsExactlyInAnyOrder(
                "t-ithaca-press1", "t-ithaca-press2", "t-ithaca-noemail", "t-ithaca-viagroup");
        assertThat(ids(people.waitingFor(facts.get(1)))).containsExactly("t-a2-press");
      }
    } finally {
      identityService.deleteUser("t-ithaca-viagroup");
      identityService.deleteGroup("t-ithaca-everyone");
    }
  }

  @Test
  void preferencesReadInBulkAreThoseReadOneByOne() {
    // Given volunteers who chose each mode, one with an unknown choice and one never asked
    preferences.setMode("t-ithaca-press1", NotificationMode.DIGEST);
    preferences.setMode("t-ithaca-press2", NotificationMode.OFF);
    identityService.setUserInfo("t-ithaca-canvass", NotificationPreferences.KEY, "LOUD");
    List<String> users =
        List.of("t-ithaca-press1", "t-ithaca-press2", "t-ithaca-canvass", "t-a2-press", "nobody");

    // When the scan reads their preferences in one query
    Map<String, NotificationMode> modes = openTasks.modesOf(users);

    // Then each is what reading it alone gives
    assertThat(modes).hasSize(users.size());
    users.forEach(user -> assertThat(modes.get(user)).isEqualTo(preferences.modeOf(user)));
    assertThat(modes.get("t-ithaca-press1")).isEqualTo(NotificationMode.DIGEST);
    assertThat(modes.get("t-ithaca-press2")).isEqualTo(NotificationMode.OFF);
    assertThat(modes.get("t-ithaca-canvass")).isEqualTo(NotificationMode.EACH);
    assertThat(modes.get("nobody")).isEqualTo(NotificationMode.EACH);
  }

  /** As the scan read a task before its reads were set-based: its links and variables alone. */
  private TaskFacts readAlone(Task task) {
    List<IdentityLink> links = taskService.getIdentityLinksForTask(task.getId());
    return TaskFacts.of(
        task,
        candidates(links, true),
        candidates(links, false),
        task.getExecutionId() == null
            ? Map.of()
            : taskService.getVariables(task.getId(), TaskFacts.VARIABLES));
  }

  private static Set<String> candidates(Collection<IdentityLink> links, boolean groups) {
    Set<String> ids = new TreeSet<>();
    for (IdentityLink link : links) {
      String id = groups ? link.getGroupId() : link.getUserId();
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && id != null) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static List<String> ids(List<User> users) {
    return new ArrayList<>(users.stream().map(User::getId).toList());
  }
}
