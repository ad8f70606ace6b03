package org.pathtovictory.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine runs here: the files users run are checked by parsing them. */
class DockerFilesTest {

  @Test
  @SuppressWarnings("unchecked")
  void composeBringsUpPostgresMailpitAndTheAppOnThePostgresProfile() throws Exception {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/compose.yaml")));
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services).containsOnlyKeys("postgres", "mailpit", "app");
    Map<String, Object> app = services.get("app");
    Map<String, Object> env = (Map<String, Object>) app.get("environment");
    assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
    assertThat(env.get("PTV_DB_URL").toString()).startsWith("jdbc:postgresql://postgres:");
    // secrets are demanded from the user's environment, never written here
    assertThat(env.get("PTV_ADMIN_PASSWORD").toString()).startsWith("${PTV_ADMIN_PASSWORD:?");
    assertThat(env.get("PTV_DB_PASSWORD").toString()).startsWith("${PTV_DB_PASSWORD:?");
    Map<String, Object> build = (Map<String, Object>) app.get("build");
    assertThat(
            Path.of("docker")
                .resolve(build.get("context").toString())
                .resolve(build.get("dockerfile").toString())
                .normalize())
        .exists();
    assertThat((Map<String, Object>) app.get("depends_on")).containsKeys("postgres", "mailpit");
  }

  @Test
  void dockerfileBuildsWithTheWrapperAndRunsUnprivileged() throws Exception {
    List<String> instructions =
        Files.readAllLines(Path.of("docker/Dockerfile")).stream()
            .map(String::trim)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    assertThat(instructions.get(0)).startsWith("FROM ");
    assertThat(instructions).anyMatch(line -> line.startsWith("RUN ./mvnw"));
    assertThat(instructions).anyMatch(line -> line.matches("USER \\w+"));
    assertThat(instructions).anyMatch(line -> line.startsWith("ENTRYPOINT [\"java\""));
    for (String line : instructions) {
      if (line.startsWith("COPY ") && !line.contains("--from")) {
        String source = line.split("\\s+")[1];
        assertThat(Path.of(source)).as("COPY source %s", source).exists();
      }
    }
  }
}
