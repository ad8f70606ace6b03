package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The models in {@code processes/} and the forms in {@code forms/} pass the deployment check the
 * engine runs on every deployment ({@link DeploymentCheck}): the same rules, one implementation.
 * The rules themselves are tested one by one in {@code DeploymentCheckTest}.
 */
@SpringBootTest
class ModelConventionsTest {

  @Autowired ModelBeans modelBeans;

  /** The BPMN models in {@code processes/}, for the element-template tests. */
  static Stream<Path> models() throws IOException {
    return Files.list(Path.of("processes")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
  }

  /** The Camunda Forms in {@code forms/}. */
  static Stream<Path> forms() throws IOException {
    return Files.list(Path.of("forms")).filter(p -> p.toString().endsWith(".form")).sorted();
  }

  static Map<String, byte[]> shippedFiles() {
    Map<String, byte[]> files = new TreeMap<>();
    for (String folder : new String[] {"processes", "forms"}) {
      try (Stream<Path> paths = Files.list(Path.of(folder))) {
        paths
            .filter(p -> p.toString().matches(".*\\.(bpmn|dmn|form)"))
            .forEach(p -> files.put(p.getFileName().toString(), read(p)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theShippedModelsAndFormsPassTheDeploymentCheck() {
    Map<String, byte[]> files = shippedFiles();
    assertThat(files.keySet()).contains("post-endorsement.bpmn", "planning-track.dmn");
    assertThat(new ModelCheck(modelBeans).check(files, ModelCheck.Deployed.NOTHING)).isEmpty();
  }
}
