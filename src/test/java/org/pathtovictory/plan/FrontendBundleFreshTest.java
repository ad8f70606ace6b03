package org.pathtovictory.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed bundle under {@code src/main/resources/static/} matches its sources: the SHA-256
 * that {@code frontend/build.mjs} wrote into each {@code build-manifest.json} is recomputed here
 * from {@code frontend/src/**}, the pins and the build script, and every built file still has the
 * hash the build gave it. Needs only a JDK; {@code .ci/run} rebuilds with node where it exists.
 */
class FrontendBundleFreshTest {

  static final Path FRONTEND = Path.of("frontend");
  static final Path STATIC = Path.of("src", "main", "resources", "static");
  static final List<String> INPUT_FILES =
      List.of(".npmrc", "build.mjs", "package.json", "package-lock.json");

  @Test
  void everyBuiltFolderWasBuiltFromTheCommittedSourcesAndLockFile() throws IOException {
    List<Path> manifests = manifests();
    assertThat(manifests).as("build-manifest.json files under " + STATIC).isNotEmpty();
    String sources = sourceHash(FRONTEND);
    for (Path manifest : manifests) {
      JsonNode built = new ObjectMapper().readTree(manifest.toFile());
      if (!sources.equals(built.path("sourceHash").asText())) {
        fail(
            manifest.getParent()
                + " was built from other sources than frontend/ holds now (the sources, package.json,"
                + " package-lock.json or build.mjs changed since): run `npm ci && npm run build` in"
                + " frontend/ and commit the built files.");
      }
      Path folder = manifest.getParent();
      Map<String, String> onDisk = builtFiles(folder);
      Map<String, String> recorded = new TreeMap<>();
      built
          .path("files")
          .fields()
          .forEachRemaining(f -> recorded.put(f.getKey(), f.getValue().asText()));
      if (!onDisk.equals(recorded)) {
        fail(
            folder
                + " holds files that differ from what the build wrote (edited, added or removed by"
                + " hand?): rebuild with `npm run build` in frontend/ instead of editing built files."
                + " Differing: "
                + differing(recorded, onDisk));
      }
    }
  }

  @Test
  void aChangedSourceChangesTheHash() throws IOException {
    Path copy = Files.createTempDirectory("frontend-copy");
    for (String file : INPUT_FILES) {
      Files.copy(FRONTEND.resolve(file), copy.resolve(file));
    }
    Files.createDirectories(copy.resolve("src"));
    Files.writeString(copy.resolve("src/a.js"), "export const a = 1;\n");
    String before = sourceHash(copy);
    Files.writeString(copy.resolve("src/a.js"), "export const a = 2;\n");
    assertThat(sourceHash(copy)).isNotEqualTo(before);
  }

  private static List<Path> manifests() throws IOException {
    try (Stream<Path> files = Files.walk(STATIC)) {
      return files
          .filter(p -> p.getFileName().toString().equals("build-manifest.json"))
          .sorted()
          .toList();
    }
  }

  private static Map<String, String> builtFiles(Path folder) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = relative(folder, file);
        if (!name.equals("build-manifest.json")) {
          hashes.put(name, sha256(Files.readAllBytes(file)));
        }
      }
    }
    return hashes;
  }

  private static List<String> differing(Map<String, String> recorded, Map<String, String> onDisk) {
    TreeMap<String, String> all = new TreeMap<>(recorded);
    all.putAll(onDisk);
    return all.keySet().stream()
        .filter(name -> !Objects.equals(recorded.get(name), onDisk.get(name)))
        .toList();
  }

  /** The same digest as sourceHash() in frontend/build.mjs. */
  static String sourceHash(Path frontend) throws IOException {
    List<String> files = new ArrayList<>(INPUT_FILES);
    Path src = frontend.resolve("src");
    if (Files.isDirectory(src)) {
      try (Stream<Path> walk = Files.walk(src)) {
        walk.filter(Files::isRegularFile).forEach(f -> files.add("src/" + relative(src, f)));
      }
    }
    files.sort(null);
    StringBuilder lines = new StringBuilder();
    for (String file : files) {
      lines
          .append(file)
          .append('\n')
          .append(sha256(Files.readAllBytes(frontend.resolve(file))))
          .append('\n');
    }
    return sha256(lines.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String relative(Path base, Path file) {
    return base.relativize(file).toString().replace('\\', '/');
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
