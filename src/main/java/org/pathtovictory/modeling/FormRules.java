package org.pathtovictory.modeling;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.pathtovictory.web.InvalidInputException.Problem;
import org.pathtovictory.web.PlainText;

/**
 * The validation rules a Camunda Form declares (required, lengths, pattern, email, ranges, the
 * choices of a select or radio, dates), applied on the server to submitted values. Tasklist checks
 * the same rules in the browser only; a REST call would skip them.
 */
final class FormRules {

  private static final Pattern EMAIL = Pattern.compile("^[^\\s@<>]+@[^\\s@<>]+\\.[^\\s@<>]+$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{7,20}$");

  private FormRules() {}

  /** Checks every keyed field of the form against the value {@code values} gives for its key. */
  static List<Problem> check(JsonNode form, Function<String, Object> values) {
    List<Problem> problems = new ArrayList<>();
    for (JsonNode component : fields(form)) {
      String key = component.path("key").asText();
      String label = component.path("label").asText(component.path("dateLabel").asText(key));
      String problem = check(component, values.apply(key), label);
      if (problem != null) {
        problems.add(new Problem(key, problem));
      }
    }
    return problems;
  }

  private static List<JsonNode> fields(JsonNode container) {
    List<JsonNode> fields = new ArrayList<>();
    for (JsonNode component : container.path("components")) {
      if (component.has("components")) {
        fields.addAll(fields(component));
      } else if (component.hasNonNull("key")
          && !component.path("readonly").asBoolean()
          && !component.path("disabled").asBoolean()) {
        fields.add(component);
      }
    }
    return fields;
  }

  private static String check(JsonNode component, Object value, String label) {
    JsonNode validate = component.path("validate");
    // a field the form may hide is not submitted when hidden: its presence cannot be demanded here
    boolean required = validate.path("required").asBoolean() && !component.has("conditional");
    String type = component.path("type").asText();
    if (value == null || (value instanceof String text && text.isBlank())) {
      return required ? "“" + label + "” is required" : null;
    }
    return switch (type) {
      case "textfield", "textarea" -> checkText(validate, value, label);
      case "number" -> checkNumber(component, validate, value, label);
      case "checkbox" ->
          !(value instanceof Boolean checked)
              ? "“" + label + "” must be yes (true) or no (false)"
              : (required && !checked ? "“" + label + "” must be ticked" : null);
      case "radio", "select" -> checkChoice(component, value, label);
      case "datetime" -> checkDate(value, label);
      default -> null;
    };
  }

  private static String checkText(JsonNode validate, Object value, String label) {
    if (!(value instanceof String text)) {
      return "“" + label + "” must be text";
    }
    // others read it in their forms, mails and exports: text stays text
    if (PlainText.hasMarkup(text)) {
      return "“" + label + "” " + PlainText.MARKUP_MESSAGE;
    }
    if (validate.has("maxLength") && text.length() > validate.get("maxLength").asInt()) {
      return "“"
          + label
          + "” is too long: at most "
          + validate.get("maxLength").asInt()
          + " characters";
    }
    if (validate.has("minLength") && text.length() < validate.get("minLength").asInt()) {
      return "“"
          + label
          + "” is too short: at least "
          + validate.get("minLength").asInt()
          + " characters";
    }
    if (validate.has("pattern")
        && !Pattern.compile(validate.get("pattern").asText()).matcher(text).find()) {
      return "“" + label + "” is not in the expected format";
    }
    String validationType = validate.path("validationType").asText();
    if ("email".equals(validationType) && !EMAIL.matcher(text).matches()) {
      return "“" + label + "” must be an email address, e.g. name@example.org";
    }
    if ("phone".equals(validationType) && !PHONE.matcher(text).matches()) {
      return "“" + label + "” must be a phone number, e.g. +1 607 555 0100";
    }
    return null;
  }

  private static String checkNumber(
      JsonNode component, JsonNode validate, Object value, String label) {
    if (!(value instanceof Number number)) {
      return "“" + label + "” must be a number";
    }
    double amount = number.doubleValue();
    if (component.path("decimalDigits").asInt(-1) == 0 && amount != Math.rint(amount)) {
      return "“" + label + "” must be a whole number";
    }
    if (validate.has("min") && amount < validate.get("min").asDouble()) {
      return "“" + label + "” must be at least " + validate.get("min").asText();
    }
    if (validate.has("max") && amount > validate.get("max").asDouble()) {
      return "“" + label + "” must be at most " + validate.get("max").asText();
    }
    return null;
  }

  private static String checkChoice(JsonNode component, Object value, String label) {
    if (!component.has("values")) {
      return null;
    }
    boolean offered =
        StreamSupport.stream(component.get("values").spliterator(), false)
            .anyMatch(option -> option.path("value").asText().equals(String.valueOf(value)));
    return offered ? null : "“" + label + "” must be one of the offered choices";
  }

  private static String checkDate(Object value, String label) {
    try {
      LocalDate.parse(String.valueOf(value));
      return null;
    } catch (DateTimeParseException e) {
      return "“" + label + "” must be a date written as year-month-day, e.g. 2026-11-03";
    }
  }
}
