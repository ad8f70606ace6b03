package org.pathtovictory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README, CONTRIBUTING.md and docs/*.md keep their promises: every relative link reaches a file
 * (and a heading, where it names one), every command in their code blocks names Maven profiles,
 * scripts, tests and Spring profiles that exist, every environment variable named is one the
 * application reads, and every class named as {@code package/Class} exists.
 */
class DocumentationTest {

  static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern MAVEN_PROFILE = Pattern.compile("(?:^|\\s)-P\\s*([\\w,-]+)");
  private static final Pattern TEST_NAMES =
      Pattern.compile("-D(?:it\\.)?test=(?:'([^']+)'|\"([^\"]+)\"|(\\S+))");
  private static final Pattern SPRING_PROFILES =
      Pattern.compile("(?:SPRING_PROFILES_ACTIVE=|spring-boot\\.run\\.profiles=)([\\w,-]+)");
  private static final Pattern INLINE_MAVEN = Pattern.compile("`(\\./mvnw [^`]+)`");
  private static final Pattern CLASS_IN_PACKAGE = Pattern.compile("`([a-z]+)/([A-Z]\\w*)`");
  private static final Pattern ENVIRONMENT = Pattern.compile("\\bPTV_[A-Z0-9_]+\\b");
  private static final Pattern REPOSITORY_PATH =
      Pattern.compile("(?:^|[\\s=])((?:\\./|\\.ci/|docker/|scripts/|processes/|forms/)[\\w./-]*)");

  /** One documentation file, read once. */
  record Doc(Path path, List<String> lines) {
    String name() {
      return ROOT.relativize(path).toString();
    }
  }

  static List<Doc> docs() {
    List<Path> paths = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    paths.add(ROOT.resolve("CONTRIBUTING.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(paths::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return paths.stream().map(DocumentationTest::read).toList();
  }

  static Doc read(Path path) {
    try {
      return new Doc(path, Files.readAllLines(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyRelativeLinkReachesAFileAndItsHeading() {
    List<String> broken = new ArrayList<>();
    for (Doc doc : docs()) {
      List<String> prose = prose(doc.lines());
      for (int i = 0; i < prose.size(); i++) {
        Matcher link = LINK.matcher(prose.get(i));
        while (link.find()) {
          String target = link.group(1);
          if (target.matches("^[a-z]+:.*")) {
            continue; // http:, https:, mailto:
          }
          String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
          String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
          Path resolved = file.isEmpty() ? doc.path() : doc.path().getParent().resolve(file);
          String where = doc.name() + ":" + (i + 1) + " " + target;
          if (!Files.exists(resolved)) {
            broken.add(where + " (no such file)");
          } else if (anchor != null && !anchors(resolved).contains(anchor)) {
            broken.add(where + " (no heading " + anchor + ")");
          }
        }
      }
    }
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void everyCommandNamesWhatExists() {
    String pom = text(ROOT.resolve("pom.xml"));
    Set<String> profiles =
        Pattern.compile("<profile>\\s*<id>([^<]+)</id>")
            .matcher(pom)
            .results()
            .map(m -> m.group(1))
            .collect(Collectors.toSet());
    List<String> wrong = new ArrayList<>();
    for (Doc doc : docs()) {
      for (String command : commands(doc.lines())) {
        String where = doc.name() + ": " + command;
        if (command.contains("./mvnw") || command.contains("mvn ")) {
          Matcher profile = MAVEN_PROFILE.matcher(command);
          while (profile.find()) {
            for (String id : profile.group(1).split(",")) {
              if (!profiles.contains(id)) {
                wrong.add(where + " (no Maven profile " + id + " in pom.xml)");
              }
            }
          }
          Matcher tests = TEST_NAMES.matcher(command);
          while (tests.find()) {
            String names =
                tests.group(1) != null
                    ? tests.group(1)
                    : tests.group(2) != null ? tests.group(2) : tests.group(3);
            for (String name : names.split(",")) {
              if (!testExists(name.trim())) {
                wrong.add(where + " (no test " + name + ")");
              }
            }
          }
        }
        Matcher spring = SPRING_PROFILES.matcher(command);
        while (spring.find()) {
          for (String id : spring.group(1).split(",")) {
            if (!Files.exists(ROOT.resolve("src/main/resources/application-" + id + ".yaml"))) {
              wrong.add(where + " (no Spring profile " + id + ")");
            }
          }
        }
        Matcher path = REPOSITORY_PATH.matcher(command);
        while (path.find()) {
          String file = path.group(1).replaceAll("[.,;:]+$", "");
          if (!file.equals("./") && !Files.exists(ROOT.resolve(file))) {
            wrong.add(where + " (no file " + file + ")");
          }
        }
      }
    }
    assertThat(wrong).as("commands naming what does not exist").isEmpty();
  }

  @Test
  void everyEnvironmentVariableNamedIsOneTheApplicationReads() {
    String read = readByTheApplication();
    List<String> unknown = new ArrayList<>();
    for (Doc doc : docs()) {
      for (int i = 0; i < doc.lines().size(); i++) {
        Matcher variable = ENVIRONMENT.matcher(doc.lines().get(i));
        while (variable.find()) {
          if (!read.contains(variable.group())) {
            unknown.add(doc.name() + ":" + (i + 1) + " " + variable.group());
          }
        }
      }
    }
    assertThat(unknown).as("environment variables nothing reads").isEmpty();
  }

  @Test
  void everyClassNamedByItsPackageExists() {
    List<String> missing = new ArrayList<>();
    for (Doc doc : docs()) {
      for (int i = 0; i < doc.lines().size(); i++) {
        Matcher named = CLASS_IN_PACKAGE.matcher(doc.lines().get(i));
        while (named.find()) {
          String file = "org/pathtovictory/" + named.group(1) + "/" + named.group(2) + ".java";
          List<String> roots = List.of("src/main/java/", "src/test/java/", "src/bench/java/");
          boolean aPackage =
              roots.stream()
                  .anyMatch(dir -> Files.isDirectory(ROOT.resolve(dir + file).getParent()));
          if (aPackage && roots.stream().noneMatch(dir -> Files.exists(ROOT.resolve(dir + file)))) {
            missing.add(doc.name() + ":" + (i + 1) + " " + named.group());
          }
        }
      }
    }
    assertThat(missing).as("classes named that do not exist").isEmpty();
  }

  @Test
  void theReadmeIsAFrontDoorNotALabNotebook() {
    assertThat(read(ROOT.resolve("README.md")).lines()).hasSizeLessThanOrEqualTo(250);
  }

  /** The text outside code: fenced blocks, indented blocks and inline code are blanked. */
  static List<String> prose(List<String> lines) {
    List<String> prose = new ArrayList<>();
    boolean fenced = false;
    for (String line : lines) {
      if (line.trim().startsWith("```")) {
        fenced = !fenced;
        prose.add("");
      } else if (fenced || line.startsWith("    ")) {
        prose.add("");
      } else {
        prose.add(line.replaceAll("`[^`]*`", ""));
      }
    }
    return prose;
  }

  /**
   * Each command of the code blocks (shell continuation lines joined; Mermaid left out), and inline
   * code that starts with {@code ./mvnw}.
   */
  static List<String> commands(List<String> lines) {
    List<String> commands = new ArrayList<>();
    boolean fenced = false;
    boolean mermaid = false;
    boolean inIndented = false;
    String previous = "";
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      String trimmed = line.trim();
      if (trimmed.startsWith("```")) {
        mermaid = !fenced && trimmed.startsWith("```mermaid");
        fenced = !fenced;
        previous = line;
        continue;
      }
      boolean indented = !fenced && line.startsWith("    ") && (previous.isBlank() || inIndented);
      inIndented = indented;
      previous = line;
      if ((fenced && !mermaid) || indented) {
        boolean continues = trimmed.endsWith("\\");
        current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        if (continues) {
          current.append(' ');
        } else {
          commands.add(current.toString().replaceAll("\\s+#.*$", "").trim());
          current.setLength(0);
        }
      } else {
        Matcher inline = INLINE_MAVEN.matcher(line);
        while (inline.find()) {
          commands.add(inline.group(1));
        }
      }
    }
    return commands;
  }

  /** GitHub's anchors for the headings of a file. */
  static Set<String> anchors(Path file) {
    Set<String> anchors = new LinkedHashSet<>();
    if (!file.toString().endsWith(".md")) {
      return anchors;
    }
    boolean fenced = false;
    for (String line : read(file).lines()) {
      if (line.trim().startsWith("```")) {
        fenced = !fenced;
      }
      Matcher heading = HEADING.matcher(line);
      if (!fenced && heading.matches()) {
        anchors.add(slug(heading.group(1)));
      }
    }
    return anchors;
  }

  static String slug(String heading) {
    String plain = heading.replaceAll("`", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
    return Normalizer.normalize(plain, Normalizer.Form.NFC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }

  /** A test class by simple name, or a package pattern such as {@code org.pathtovictory.x.**}. */
  static boolean testExists(String name) {
    if (name.equals("none")) {
      return true;
    }
    if (name.contains(".")) {
      String dir = name.replaceAll("\\.\\*+$", "").replace('.', '/');
      return Files.isDirectory(ROOT.resolve("src/test/java").resolve(dir));
    }
    String pattern = name.replace("*", ".*");
    try (Stream<Path> files =
        Stream.of("src/test/java", "src/bench/java")
            .map(ROOT::resolve)
            .filter(Files::isDirectory)
            .flatMap(DocumentationTest::walk)) {
      return files.anyMatch(
          p -> p.getFileName().toString().replaceFirst("\\.java$", "").matches(pattern));
    }
  }

  private static Stream<Path> walk(Path dir) {
    try {
      return Files.walk(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every place a variable is read: the configuration, the Docker files, and Java's getenv. */
  static String readByTheApplication() {
    StringBuilder read = new StringBuilder();
    for (String dir : List.of("src/main/resources", "docker", "src/main/java")) {
      try (Stream<Path> files = walk(ROOT.resolve(dir))) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> !p.toString().contains("/static/") && !p.toString().endsWith(".png"))
            .forEach(p -> read.append(text(p)).append('\n'));
      }
    }
    return read.toString();
  }

  private static String text(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      return "";
    }
  }
}
