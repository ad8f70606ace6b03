package org.pathtovictory.modeling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Not a test: what the deployment check adds to deploying the shipped models (goal: under 200 ms).
 * Measures the check alone, in a command as the engine runs it, and whole deployments of {@code
 * processes/} and {@code forms/} (check included), the first (cold) one and warm ones. Excluded
 * from the build; run it explicitly:
 *
 * <pre>
 * ./mvnw test -DskipPostgresTests -Dtest=DeploymentCheckBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@SpringBootTest(properties = "spring.profiles.active=${benchmark.profiles:test}")
class DeploymentCheckBenchmark {

  static final int RUNS = Integer.getInteger("benchmark.runs", 30);

  @Autowired ModelBeans modelBeans;
  @Autowired ProcessEngineConfigurationImpl configuration;
  @Autowired RepositoryService repositoryService;
  @Autowired javax.sql.DataSource dataSource;

  @Test
  void checkAndDeployTheShippedModels() {
    Map<String, byte[]> files = ModelConventionsTest.shippedFiles();
    ModelCheck check = new ModelCheck(modelBeans);

    long[] cold = checkOnce(check, files);
    long coldCheck = cold[0];
    List<Long> checks = new ArrayList<>();
    List<Long> checkCpu = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long[] run = checkOnce(check, files);
      checks.add(run[0]);
      checkCpu.add(run[1]);
    }
    long deploymentsBefore = repositoryService.createDeploymentQuery().count();
    long coldDeploy = deployOnce(files, 0);
    List<Long> deploys = new ArrayList<>();
    for (int i = 1; i <= RUNS; i++) {
      deploys.add(deployOnce(files, i));
    }
    // the work timed happened: every deployment is stored
    long deployed = repositoryService.createDeploymentQuery().count() - deploymentsBefore;
    if (deployed != RUNS + 1) {
      throw new IllegalStateException((RUNS + 1) + " deployments timed, " + deployed + " stored");
    }
    System.out.printf(
        "%nDeploymentCheckBenchmark (%d files, %d runs)%n"
            + "  check alone:            first %.1f ms, p50 %.1f ms, p95 %.1f ms%n"
            + "  check alone, CPU time:  first %.1f ms, p50 %.1f ms, p95 %.1f ms%n"
            + "  whole deployment:       first %.1f ms, p50 %.1f ms, p95 %.1f ms (check included)%n"
            + "  goal: the check adds under 200 ms%n",
        files.size(),
        RUNS,
        ms(coldCheck),
        ms(percentile(checks, 50)),
        ms(percentile(checks, 95)),
        ms(cold[1]),
        ms(percentile(checkCpu, 50)),
        ms(percentile(checkCpu, 95)),
        ms(coldDeploy),
        ms(percentile(deploys, 50)),
        ms(percentile(deploys, 95)));
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("files", files.size());
    section.put("runs", RUNS);
    section.put("goal", "the check adds under 200 ms");
    section.put("check_first_ms", round(ms(coldCheck)));
    section.put("check_p50_ms", round(ms(percentile(checks, 50))));
    section.put("check_p95_ms", round(ms(percentile(checks, 95))));
    section.put(
        "check_cpu_p50_ms",
        round(
            ms(
                org.pathtovictory.bench.BenchReport.measured(
                    "CPU time", percentile(checkCpu, 50)))));
    section.put("deployment_first_ms", round(ms(coldDeploy)));
    section.put("deployment_p50_ms", round(ms(percentile(deploys, 50))));
    section.put("deployment_p95_ms", round(ms(percentile(deploys, 95))));
    org.pathtovictory.bench.BenchReport.section(
        "deploymentCheck", org.pathtovictory.bench.BenchReport.database(dataSource), section);
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }

  /** Wall-clock and CPU time of one check (the CPU time leaves out waiting for a shared CPU). */
  private long[] checkOnce(ModelCheck check, Map<String, byte[]> files) {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    return configuration
        .getCommandExecutorTxRequired()
        .execute(
            context -> {
              long start = System.nanoTime();
              long cpuStart = threads.getCurrentThreadCpuTime();
              List<ModelProblem> problems =
                  check.check(files, new DeploymentCheck.Stored(context, null));
              long[] took = {
                System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpuStart
              };
              if (!problems.isEmpty()) {
                throw new IllegalStateException(problems.toString());
              }
              return took;
            });
  }

  private long deployOnce(Map<String, byte[]> files, int run) {
    DeploymentBuilder builder = repositoryService.createDeployment().name("benchmark-" + run);
    files.forEach(
        (name, bytes) -> builder.addInputStream(name, new java.io.ByteArrayInputStream(bytes)));
    long start = System.nanoTime();
    builder.deploy();
    return System.nanoTime() - start;
  }

  private static long percentile(List<Long> values, int percent) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(
        Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
