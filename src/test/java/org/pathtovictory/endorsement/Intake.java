package org.pathtovictory.endorsement;

import static org.pathtovictory.ProcessTestSupport.ITHACA;
import static org.pathtovictory.ProcessTestSupport.TODAY;

import java.util.HashMap;
import java.util.Map;

/** Fixtures: intake variables as an organizer would submit them. */
public final class Intake {

  private Intake() {}

  /** A valid intake for Ithaca whose general election is {@code days} after today. */
  public static Map<String, Object> endorsementDaysBeforeElection(int days) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("candidateName", "Josh Riley");
    vars.put("office", "U.S. House");
    vars.put("race", "NY-24");
    vars.put("raceScope", "DISTRICT");
    vars.put("leadGroup", ITHACA);
    vars.put("generalElectionDate", TODAY.plusDays(days).toString());
    vars.put("organizationType", "UNINCORPORATED");
    vars.put("voterContactProgram", "CAMPAIGN");
    vars.put("plannedSpending", false);
    vars.put("organizerEmail", "organizer@demo.pathtovictory.test");
    return vars;
  }

  public static Map<String, Object> with(Map<String, Object> vars, String name, Object value) {
    Map<String, Object> copy = new HashMap<>(vars);
    copy.put(name, value);
    return copy;
  }

  public static Map<String, Object> without(Map<String, Object> vars, String name) {
    Map<String, Object> copy = new HashMap<>(vars);
    copy.remove(name);
    return copy;
  }
}
