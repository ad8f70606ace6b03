package org.pathtovictory.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV export never hands a spreadsheet a formula (OWASP: CSV injection). */
class ComplianceDecisionsCsvTest {

  @Test
  void cellsThatASpreadsheetWouldRunAsFormulasStartWithAnApostrophe() {
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("answer", "approved");
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("spendingQuestion", "May we rent a van?");
    String csv =
        ComplianceDecisionsCsv.write(
            List.of(
                new ComplianceDecision(
                    "=HYPERLINK(\"https://evil.example\",\"click\")",
                    "pi-1",
                    "+cmd|' /C calc'!A0",
                    "-2+3",
                    "@SUM(A1:A9)",
                    "\tcompliance",
                    Instant.parse("2026-06-01T13:00:00Z"),
                    decision,
                    facts)));
    String row = csv.lines().skip(1).findFirst().orElseThrow();
    assertThat(row)
        .contains("'=HYPERLINK", "'+cmd", "'-2+3", "'@SUM", "'\tcompliance")
        .doesNotContain(",=", ",+", ",-", ",@", ",\"=", ",\"+", ",\"-", ",\"@");
    // ordinary values stay as they are
    assertThat(row).contains("2026-06-01T13:00:00Z", "answer=approved", "pi-1");
    assertThat(ComplianceDecisionsCsv.cell("Josh Riley")).isEqualTo("Josh Riley");
    assertThat(ComplianceDecisionsCsv.cell("\r=1")).isEqualTo("'\r=1");
    assertThat(ComplianceDecisionsCsv.cell("")).isEmpty();
  }
}
