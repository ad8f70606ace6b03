package org.pathtovictory.engine;

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
  void composeRunsTwoIdenticalNodesOnPostgresWithMailpitBehindALoadBalancer() throws Exception {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/compose.yaml")));
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");
    // what `up` starts; optional services (monitoring, backup) sit in profiles of their own
    assertThat(
            services.entrySet().stream()
                .filter(service -> !service.getValue().containsKey("profiles"))
                .map(Map.Entry::getKey))
        .containsExactlyInAnyOrder("postgres", "mailpit", "app-a", "app-b", "lb");
    assertThat(services.get("app-a")).isEqualTo(services.get("app-b"));
    for (String node : List.of("app-a", "app-b")) {
      Map<String, Object> app = services.get(node);
      Map<String, Object> env = (Map<String, Object>) app.get("environment");
      assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
      assertThat(env.get("PTV_DB_URL").toString()).startsWith("jdbc:postgresql://postgres:");
      assertThat(env).containsEntry("PTV_MAIL_HOST", "mailpit");
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
      // only the load balancer is published: every request goes through it
      assertThat(app).doesNotContainKey("ports");
      // the container's health is the node's readiness (database and mail server)
      Map<String, Object> health = (Map<String, Object>) app.get("healthcheck");
      assertThat(String.join(" ", (List<String>) health.get("test")))
          .contains("/actuator/health/readiness");
    }
    Map<String, Object> lb = services.get("lb");
    assertThat((List<String>) lb.get("ports")).containsExactly("8080:8080");
    assertThat((List<String>) lb.get("volumes")).contains("./Caddyfile:/etc/caddy/Caddyfile:ro");
    assertThat((Map<String, Object>) lb.get("depends_on")).containsKeys("app-a", "app-b");
  }

  @Test
  void loadBalancerSendsRoundRobinWithoutStickinessToReadyNodesOnly() throws Exception {
    List<String> lines =
        Files.readAllLines(Path.of("docker/Caddyfile")).stream()
            .map(String::trim)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    assertThat(
            lines.stream().filter(l -> l.equals("{")).count()
                + lines.stream().filter(l -> l.endsWith(" {")).count())
        .as("every block is closed")
        .isEqualTo(lines.stream().filter(l -> l.equals("}")).count());
    assertThat(lines).contains(":8080 {");
    List<String> proxy = lines.stream().filter(line -> line.startsWith("reverse_proxy ")).toList();
    assertThat(proxy).hasSize(1);
    // every application node of the compose file, and nothing else
    assertThat(proxy.get(0)).isEqualTo("reverse_proxy app-a:8080 app-b:8080 {");
    Map<String, String> settings = new java.util.HashMap<>();
    for (String line : lines) {
      String[] words = line.split("\\s+", 2);
      if (words.length == 2) {
        settings.putIfAbsent(words[0], words[1]);
      }
    }
    assertThat(settings).containsEntry("lb_policy", "round_robin");
    assertThat(settings).containsEntry("health_uri", "/actuator/health/readiness");
    assertThat(settings).containsEntry("health_status", "200");
    assertThat(settings).containsKey("health_interval");
    // no sticky sessions: no cookie or client-address policy anywhere
    assertThat(lines)
        .noneMatch(line -> line.matches("lb_policy\\s+(cookie|ip_hash|client_ip_hash).*"));
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

  @Test
  void dockerImageBuildsOnJdk17AndStartsOnJdk25WithTheAheadOfTimeCacheOfItsTrainingStep()
      throws Exception {
    String dockerfile = Files.readString(Path.of("docker/Dockerfile")).replace("\\\n", " ");
    List<String> instructions =
        dockerfile
            .lines()
            .map(String::trim)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    List<String> stages = instructions.stream().filter(line -> line.startsWith("FROM ")).toList();
    // compiled and packaged on the Java the application is written for, run on JDK 25
    assertThat(stages).hasSize(2);
    assertThat(stages.get(0)).startsWith("FROM eclipse-temurin:17-jdk AS build");
    assertThat(stages.get(1)).startsWith("FROM eclipse-temurin:25-");
    List<String> runtime =
        instructions.subList(instructions.indexOf(stages.get(1)), instructions.size());
    String entrypoint =
        runtime.stream().filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
    var cache = java.util.regex.Pattern.compile("-XX:AOTCache=([^\"]+)").matcher(entrypoint);
    assertThat(cache.find()).as("the entrypoint uses an ahead-of-time cache").isTrue();
    assertThat(entrypoint).contains("\"-jar\", \"/app/path-to-victory.jar\"");
    // the cache is written in the runtime stage (same JVM, same jars) by a training start of the
    // extracted jar the entrypoint runs, which stops once the context has started
    String training =
        runtime.stream()
            .filter(line -> line.contains("-XX:AOTCacheOutput="))
            .findFirst()
            .orElseThrow();
    assertThat(training)
        .startsWith("RUN java ")
        .contains("-XX:AOTCacheOutput=" + cache.group(1) + " ")
        .contains("-Dspring.context.exit=onRefresh")
        .contains("-jar /app/path-to-victory.jar ")
        .contains("jdbc:h2:mem:");
    assertThat(runtime.indexOf(training))
        .as("trained after the extracted jar is copied in, before the user is switched")
        .isGreaterThan(indexOfFirst(runtime, "COPY --from=build /src/app /app"))
        .isLessThan(indexOfFirst(runtime, "USER "));
    assertThat(instructions.subList(0, instructions.indexOf(stages.get(1))))
        .anyMatch(
            line ->
                line.contains(
                    "-Djarmode=tools -jar /src/path-to-victory.jar extract --destination /src/app"));
    // and operators outside Docker are told the same commands, for JDK 25 and for JDK 17
    String operators = Files.readString(Path.of("docs/operators.md"));
    assertThat(operators)
        .contains("-Djarmode=tools -jar")
        .contains("-XX:AOTCacheOutput=")
        .contains("-XX:AOTCache=app/path-to-victory.aot -jar")
        .contains("-Dspring.context.exit=onRefresh")
        .contains("-XX:ArchiveClassesAtExit=")
        .contains("java -XX:SharedArchiveFile=");
  }

  private static int indexOfFirst(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("No line starts with " + prefix);
  }
}
