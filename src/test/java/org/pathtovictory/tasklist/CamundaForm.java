package org.pathtovictory.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Camunda Form (form-js) as Tasklist renders it, driven through its schema in {@code forms/}: a
 * field is found by its {@code key}, and filled the way its component type takes input.
 */
public final class CamundaForm {

  static final Path FORMS = Path.of("forms");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

  private final Locator root;
  private final JsonNode schema;

  CamundaForm(Locator root, JsonNode schema) {
    this.root = root;
    this.schema = schema;
    root.locator(".fjs-form").first().waitFor();
  }

  static JsonNode schema(String formId) {
    try {
      return JSON.readTree(Files.readString(FORMS.resolve(formId + ".form")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String formId() {
    return schema.path("id").asText();
  }

  /** Every component of the form, groups and dynamic lists flattened. */
  static List<JsonNode> components(JsonNode schema) {
    List<JsonNode> all = new ArrayList<>();
    collect(schema.path("components"), all);
    return all;
  }

  private static void collect(JsonNode components, List<JsonNode> into) {
    for (JsonNode component : components) {
      into.add(component);
      collect(component.path("components"), into);
    }
  }

  List<JsonNode> components() {
    return components(schema);
  }

  JsonNode component(String key) {
    return components().stream()
        .filter(c -> key.equals(c.path("key").asText(null)))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("form " + formId() + " has no field " + key));
  }

  /** The label a volunteer reads for a component (date fields carry it in {@code dateLabel}). */
  static Optional<String> label(JsonNode component) {
    return Stream.of("label", "dateLabel", "timeLabel")
        .map(name -> component.path(name).asText(""))
        .filter(text -> !text.isBlank() && !text.contains("{{") && !text.startsWith("="))
        .findFirst();
  }

  Locator field(JsonNode component) {
    return root.locator("[id$='-" + component.path("id").asText() + "']").first();
  }

  public CamundaForm fill(String key, Object value) {
    JsonNode component = component(key);
    String id = component.path("id").asText();
    String type = component.path("type").asText();
    switch (type) {
      case "textfield", "textarea", "number" -> {
        // leave the field as a person does: its error message goes away and the layout settles
        // before the next click (a click during that shift misses its radio button)
        field(component).fill(String.valueOf(value));
        field(component).blur();
      }
      case "checkbox" -> setChecked(field(component), Boolean.TRUE.equals(value));
      case "radio" ->
          setChecked(
              root.locator("[id$='-" + id + "-" + optionIndex(component, value) + "']"), true);
      case "checklist" -> {
        for (int i = 0; i < component.path("values").size(); i++) {
          boolean wanted =
              ((Collection<?>) value)
                  .contains(component.path("values").get(i).path("value").asText());
          setChecked(root.locator("[id$='-" + id + "-" + i + "']"), wanted);
        }
      }
      case "select" -> {
        String label = optionLabel(component, value);
        if (component.path("searchable").asBoolean(false)) {
          root.locator("[id$='-" + id + "-search']").fill(label);
        } else {
          root.locator("[id$='-" + id + "-display']").click();
        }
        root.locator(".fjs-dropdownlist-item", new Locator.LocatorOptions().setHasText(label))
            .first()
            .click();
      }
      case "taglist" -> {
        for (Object tag : (Collection<?>) value) {
          String label = optionLabel(component, tag);
          root.locator("[id$='-" + id + "-search']").fill(label);
          root.locator(".fjs-dropdownlist-item", new Locator.LocatorOptions().setHasText(label))
              .first()
              .click();
        }
      }
      case "datetime" -> {
        Locator date = root.locator("[id$='-" + id + "-date']");
        if (value == null) {
          date.fill("");
        } else {
          date.fill(LocalDate.parse(String.valueOf(value)).format(US_DATE));
        }
        date.press("Enter");
        date.blur();
      }
      default ->
          throw new IllegalArgumentException("no browser input for form-js component " + type);
    }
    return this;
  }

  /** Clicks like a person (form-js re-renders its inputs, so Playwright's check() can misfire). */
  private static void setChecked(Locator input, boolean wanted) {
    if (input.isChecked() != wanted) {
      input.click();
    }
    if (wanted) {
      PlaywrightAssertions.assertThat(input).isChecked();
    } else {
      PlaywrightAssertions.assertThat(input).not().isChecked();
    }
  }

  private static int optionIndex(JsonNode component, Object value) {
    JsonNode values = component.path("values");
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).path("value").asText().equals(String.valueOf(value))) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        component.path("key").asText() + " offers no option " + value);
  }

  private static String optionLabel(JsonNode component, Object value) {
    JsonNode values = component.path("values");
    return values.isMissingNode() || values.isEmpty()
        ? String.valueOf(value)
        : values.get(optionIndex(component, value)).path("label").asText();
  }

  /**
   * Fills every field the form shows with a valid value: {@code chosen} where given, otherwise a
   * plausible one derived from the component and its rules. Fields that appear on the way (by a
   * condition) are filled too. Returns what was entered, by key.
   */
  Map<String, Object> fillValid(Map<String, Object> chosen, LocalDate today) {
    Map<String, Object> entered = new LinkedHashMap<>();
    for (int pass = 0; pass < 3; pass++) {
      for (JsonNode component : components()) {
        String key = component.path("key").asText(null);
        if (key == null || entered.containsKey(key) || !isInput(component)) {
          continue;
        }
        if (root.locator("[id*='-" + component.path("id").asText() + "']").count() == 0) {
          continue; // hidden by a condition (for now)
        }
        Object value = chosen.containsKey(key) ? chosen.get(key) : validValue(component, today);
        if (value == null) {
          continue;
        }
        fill(key, value);
        entered.put(key, value);
      }
    }
    return entered;
  }

  static boolean isInput(JsonNode component) {
    return INPUT_TYPES.contains(component.path("type").asText());
  }

  private static final Set<String> INPUT_TYPES =
      Set.of(
          "textfield",
          "textarea",
          "number",
          "checkbox",
          "checklist",
          "radio",
          "select",
          "taglist",
          "datetime");

  /** A value that the form's own rules accept. */
  static Object validValue(JsonNode component, LocalDate today) {
    JsonNode validate = component.path("validate");
    return switch (component.path("type").asText()) {
      case "textfield", "textarea" -> {
        String pattern = validate.path("pattern").asText("");
        if ("email".equals(validate.path("validationType").asText())) {
          yield "organizer@demo.pathtovictory.test";
        } else if (pattern.contains("https?")) {
          yield "https://example.org/browser-test";
        } else if (pattern.contains("a-z0-9")) {
          yield "ny24-ithaca";
        } else if (!pattern.isEmpty()) {
          yield null; // no generic value for this pattern: the test must choose one
        }
        yield "Filled in Tasklist by the browser test";
      }
      case "number" -> Math.max(3, validate.path("min").asInt(0));
      case "checkbox" -> true;
      case "radio", "select" -> component.path("values").get(0).path("value").asText();
      case "checklist", "taglist" ->
          List.of(component.path("values").get(0).path("value").asText());
      case "datetime" -> "date".equals(component.path("subtype").asText()) ? today : null;
      default -> null;
    };
  }

  /**
   * Enters something the form must refuse, and returns the field it concerns: a too long text, a
   * number below its minimum, a text against its pattern, or (failing those) nothing at all in a
   * required field, submitted with {@code submit}.
   */
  Optional<String> enterInvalidInput(Runnable submit) {
    Optional<String> broken = breakOneRule();
    if (broken.isPresent()) {
      // the invalid value goes as far as the submit button: the refusal is the form's, not ours
      submit.run();
    }
    return broken;
  }

  /** Enters a value that breaks one rule of the form (or leaves a required field empty). */
  private Optional<String> breakOneRule() {
    for (JsonNode component : components()) {
      String key = component.path("key").asText(null);
      if (key == null || component.has("conditional")) {
        continue;
      }
      JsonNode validate = component.path("validate");
      String type = component.path("type").asText();
      if (("textfield".equals(type) || "textarea".equals(type)) && validate.has("maxLength")) {
        fill(key, "x".repeat(validate.path("maxLength").asInt() + 1));
        return Optional.of(key);
      }
      if ("number".equals(type) && validate.has("min")) {
        fill(key, validate.path("min").asInt() - 1);
        return Optional.of(key);
      }
      if ("textfield".equals(type) && validate.has("pattern")) {
        fill(key, "not valid here!");
        return Optional.of(key);
      }
    }
    for (JsonNode component : components()) {
      if (component.path("validate").path("required").asBoolean(false)
          && !component.has("conditional")) {
        return Optional.of(component.path("key").asText());
      }
    }
    return Optional.empty();
  }

  /** The engine's type name (HistoricVariableInstance#getTypeName) a component submits. */
  static Set<String> submittedTypes(JsonNode component) {
    return switch (component.path("type").asText()) {
      case "number" -> Set.of("integer", "long", "double");
      case "checkbox" -> Set.of("boolean");
      case "checklist", "taglist" -> Set.of("json");
      default -> Set.of("string");
    };
  }

  /** The validation messages form-js shows under the fields. */
  List<String> errors() {
    return root.locator(".fjs-form-field-error").allInnerTexts().stream()
        .map(String::strip)
        .filter(text -> !text.isEmpty())
        .toList();
  }

  /** The message shown under one field, or "" when it shows none. */
  String errorOf(String key) {
    Locator error =
        root.locator("[id$='-" + component(key).path("id").asText() + "-error-message']");
    return error.count() == 0 ? "" : error.first().innerText().strip();
  }

  /** Every field that is not hidden by a condition shows its label. */
  void assertEveryUnconditionalFieldRendered() {
    for (JsonNode component : components()) {
      if (component.has("conditional")) {
        continue;
      }
      assertRendered(component);
    }
  }

  void assertRendered(String key) {
    assertRendered(component(key));
  }

  void assertHidden(String key) {
    assertThat(field(component(key)).count())
        .as("field %s of form %s is hidden", key, formId())
        .isZero();
  }

  private void assertRendered(JsonNode component) {
    String type = component.path("type").asText();
    Optional<String> label = label(component);
    if (label.isPresent()) {
      assertThat(
              root.locator("label, .fjs-form-field-label, legend, span")
                  .filter(new Locator.FilterOptions().setHasText(label.get()))
                  .first()
                  .isVisible())
          .as("form %s shows the label '%s' (%s)", formId(), label.get(), type)
          .isTrue();
    }
    if (component.has("key") && !"datetime".equals(type)) {
      assertThat(root.locator("[id*='-" + component.path("id").asText() + "']").count())
          .as("form %s renders an input for %s (%s)", formId(), component.path("key"), type)
          .isPositive();
    }
    if ("text".equals(type)) {
      String firstLine = firstWords(component.path("text").asText());
      if (!firstLine.isEmpty()) {
        assertThat(root.getByText(firstLine).first().isVisible())
            .as("form %s shows the text '%s'", formId(), firstLine)
            .isTrue();
      }
    }
  }

  /** A few plain words of a text component, free of markdown and template syntax. */
  private static String firstWords(String markdown) {
    String line = markdown.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    String plain = line.replaceAll("\\]\\([^)]*\\)", "").replaceAll("[#*_`>\\[\\]]", "").strip();
    int template = plain.indexOf("{{");
    if (template >= 0) {
      plain = plain.substring(0, template);
    }
    String[] words = plain.strip().split("\\s+");
    return String.join(" ", List.of(words).subList(0, Math.min(4, words.length))).strip();
  }
}
