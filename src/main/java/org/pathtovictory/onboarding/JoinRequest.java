package org.pathtovictory.onboarding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pathtovictory.web.InvalidInputException.Problem;

/**
 * What a local group sends on {@code /join}; the variables of a {@code group-onboarding} instance
 * carry the same names.
 */
record JoinRequest(
    String groupName,
    String groupSlug,
    String groupState,
    String groupDistrict,
    String organizationType,
    String leadName,
    String leadEmail) {

  static final List<String> FIELDS =
      List.of(
          "groupName",
          "groupSlug",
          "groupState",
          "groupDistrict",
          "organizationType",
          "leadName",
          "leadEmail");

  /** The organization types of the contract, as a requester reads them. */
  static final Map<String, String> ORGANIZATION_TYPES =
      orderedMap(
          "UNINCORPORATED", "Unincorporated (no legal entity)",
          "C4", "501(c)(4) organization",
          "DFP", "Distributed Fundraising Program (DFP)",
          "POLITICAL_ORG", "Political organization (527 or PAC)",
          "C3", "501(c)(3) organization");

  /** States, the District of Columbia and the territories, by their postal codes. */
  static final Set<String> STATES =
      Set.of(
          "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
          "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
          "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
          "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP");

  static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
  static final String EMAIL = "[^@\\s<>\"',;]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+";

  /** Reads the request from form fields or a JSON object; anything else given is ignored. */
  static JoinRequest from(Map<String, ?> values) {
    return new JoinRequest(
        text(values, "groupName"),
        text(values, "groupSlug").toLowerCase(Locale.ROOT),
        text(values, "groupState").toUpperCase(Locale.ROOT),
        text(values, "groupDistrict"),
        text(values, "organizationType").toUpperCase(Locale.ROOT),
        text(values, "leadName"),
        text(values, "leadEmail").toLowerCase(Locale.ROOT));
  }

  /** What is wrong with the request on its own (the slug and address are checked elsewhere too). */
  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    if (groupName.length() < 3 || groupName.length() > 100) {
      problems.add(new Problem("groupName", "give your group's name (3 to 100 characters)"));
    }
    if (groupSlug.isEmpty()) {
      problems.add(
          new Problem(
              "groupSlug",
              "choose a short web name for your group, e.g. ny24-ithaca (lower-case letters,"
                  + " digits and dashes)"));
    } else if (groupSlug.length() < 3 || groupSlug.length() > 40 || !groupSlug.matches(SLUG)) {
      problems.add(
          new Problem(
              "groupSlug",
              "use 3 to 40 lower-case letters, digits and single dashes, e.g. ny24-ithaca"));
    }
    if (!STATES.contains(groupState)) {
      problems.add(new Problem("groupState", "choose your state"));
    }
    if (groupDistrict.length() > 40 || !groupDistrict.matches("[A-Za-z0-9 .-]*")) {
      problems.add(
          new Problem(
              "groupDistrict",
              "write the district like NY-24, or leave it empty if your group works statewide"));
    }
    if (!ORGANIZATION_TYPES.containsKey(organizationType)) {
      problems.add(new Problem("organizationType", "choose how your group is organized"));
    }
    if (leadName.length() < 2 || leadName.length() > 100) {
      problems.add(new Problem("leadName", "give your name (2 to 100 characters)"));
    }
    if (leadEmail.length() > 254 || !leadEmail.matches(EMAIL)) {
      problems.add(new Problem("leadEmail", "give an email address where we can reach you"));
    }
    return problems;
  }

  Map<String, Object> toVariables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("groupName", groupName);
    variables.put("groupSlug", groupSlug);
    variables.put("groupState", groupState);
    variables.put("groupDistrict", groupDistrict);
    variables.put("organizationType", organizationType);
    variables.put("leadName", leadName);
    variables.put("leadEmail", leadEmail);
    return variables;
  }

  /** The same field names as the form, for filling the form again. */
  Map<String, String> toForm() {
    Map<String, String> form = new LinkedHashMap<>();
    toVariables().forEach((key, value) -> form.put(key, String.valueOf(value)));
    return form;
  }

  private static String text(Map<String, ?> values, String field) {
    Object value = values.get(field);
    if (value instanceof List<?> list) {
      value = list.isEmpty() ? null : list.get(0);
    }
    return value == null ? "" : String.valueOf(value).strip();
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
