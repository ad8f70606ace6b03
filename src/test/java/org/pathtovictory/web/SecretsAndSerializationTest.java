package org.pathtovictory.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.pathtovictory.PathToVictoryApplication;
import org.pathtovictory.WebTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Production credentials come from the environment; objects come only in our own types. */
class SecretsAndSerializationTest extends WebTestSupport {

  @Autowired TaskService taskService;

  /** A type of ours: JSON variables may deserialize into it. */
  public static class Note {
    public String text;
  }

  @Test
  void postgresWithoutAnAdminPasswordRefusesToStartAndSaysWhy() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(PathToVictoryApplication.class)
                    .profiles("postgres")
                    .properties(
                        "PTV_DB_URL=jdbc:h2:mem:no-admin-password;DB_CLOSE_DELAY=-1",
                        "PTV_DB_USER=sa",
                        "PTV_DB_PASSWORD=",
                        "server.port=0")
                    .run()
                    .close())
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .rootCause()
        .hasMessageContaining("PTV_ADMIN_PASSWORD");
  }

  @Test
  void jsonVariablesDeserializeOnlyIntoAllowedTypes() {
    Task task = taskService.newTask();
    task.setTenantId(org.pathtovictory.ProcessTestSupport.ITHACA);
    taskService.saveTask(task);
    try {
      taskService.setVariable(
          task.getId(),
          "gadget",
          Variables.serializedObjectValue("\"file:///etc/passwd\"")
              .objectTypeName("java.io.File")
              .serializationDataFormat(Variables.SerializationDataFormats.JSON)
              .create());
      assertThatThrownBy(() -> taskService.getVariable(task.getId(), "gadget"))
          .isInstanceOf(ProcessEngineException.class);
      taskService.setVariable(
          task.getId(),
          "note",
          Variables.serializedObjectValue("{\"text\": \"bring clipboards\"}")
              .objectTypeName(Note.class.getName())
              .serializationDataFormat(Variables.SerializationDataFormats.JSON)
              .create());
      assertThat(taskService.getVariable(task.getId(), "note"))
          .isInstanceOfSatisfying(Note.class, note -> assertThat(note.text).contains("clipboards"));
    } finally {
      taskService.deleteTask(task.getId(), true);
    }
  }
}
