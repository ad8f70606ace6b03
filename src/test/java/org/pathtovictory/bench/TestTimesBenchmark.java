package org.pathtovictory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The test loop's times (issue 26), section {@code tests} of the report: {@code verify_s}, a whole
 * {@code ./mvnw verify} from a clean clone as CI runs it, and {@code quick_s}, the everyday {@code
 * ./mvnw test -Pquick}. A test run cannot time its own Maven build, so this reads them: {@code
 * target/test-times/verify.properties} where {@code .ci/run} ran in this checkout (it writes the
 * seconds, when and the commit), else the committed figures of {@code bench/test-times.properties}
 * with their date and how they were measured. Each figure says its source in the report.
 */
class TestTimesBenchmark {

  static final Path MEASURED_HERE = Path.of("target", "test-times", "verify.properties");

  @Test
  void testTimesFromTheLastMeasuredRuns() throws IOException {
    Properties committed = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/bench/test-times.properties")) {
      assertThat(in).as("bench/test-times.properties").isNotNull();
      committed.load(in);
    }
    Map<String, Object> section = new LinkedHashMap<>();
    if (Files.exists(MEASURED_HERE)) {
      Properties here = new Properties();
      try (Reader in = Files.newBufferedReader(MEASURED_HERE)) {
        here.load(in);
      }
      figure(section, "verify", here, "<= 480 (8 minutes, clean clone, 2 cores)");
    } else {
      figure(section, "verify", committed, "<= 480 (8 minutes, clean clone, 2 cores)");
    }
    figure(section, "quick", committed, "<= 120 (2 minutes)");
    BenchReport.section("tests", "as each run had it (none of its own)", section);
  }

  private static void figure(
      Map<String, Object> section, String name, Properties times, String goal) {
    String seconds = times.getProperty(name + "_s");
    section.put(
        name + "_s",
        BenchReport.measured(name + "_s", seconds == null ? -1 : Long.parseLong(seconds)));
    section.put(name + "_goal_s", goal);
    section.put(name + "_measured_at", times.getProperty(name + "_measured_at", "unknown"));
    section.put(name + "_source", times.getProperty(name + "_source", "unknown"));
  }
}
