package org.pathtovictory.board;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.List;

/**
 * A campaign's weekly voter-contact reports as CSV for a spreadsheet, one row a week. Text cells
 * that a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return) get a leading
 * apostrophe, so a value typed into a form can never become a formula.
 */
final class VoterContactCsv {

  private static final CsvMapper MAPPER = new CsvMapper();
  private static final CsvSchema SCHEMA = MAPPER.schemaFor(Row.class).withHeader();

  private VoterContactCsv() {}

  @JsonPropertyOrder({
    "candidate",
    "race",
    "week",
    "reportedOn",
    "reportedBy",
    "doorsKnocked",
    "conversations",
    "calls",
    "texts",
    "lettersPublished",
    "activeVolunteers"
  })
  record Row(
      String candidate,
      String race,
      int week,
      String reportedOn,
      String reportedBy,
      long doorsKnocked,
      long conversations,
      long calls,
      long texts,
      long lettersPublished,
      long activeVolunteers) {}

  static String write(String candidate, String race, List<JsonNode> reports) {
    List<Row> rows =
        reports.stream()
            .map(
                r ->
                    new Row(
                        safe(candidate),
                        safe(race),
                        r.path("week").asInt(),
                        safe(r.path("reportedOn").asText(null)),
                        safe(r.path("reportedBy").asText(null)),
                        r.path("doorsKnocked").asLong(),
                        r.path("conversations").asLong(),
                        r.path("calls").asLong(),
                        r.path("texts").asLong(),
                        r.path("lettersPublished").asLong(),
                        r.path("activeVolunteers").asLong()))
            .toList();
    try {
      return MAPPER.writer(SCHEMA).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the voter-contact reports as CSV", e);
    }
  }

  /** A text cell a spreadsheet shows as text, never runs as a formula. */
  static String safe(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    return first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r'
        ? "'" + value
        : value;
  }
}
