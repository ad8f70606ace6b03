package org.pathtovictory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a task form's text gets a value: as characters, never as Markdown or HTML. */
class LiteralFormValuesTest {

  @Test
  void everyCharacterButLettersDigitsAndSpacesBecomesAReference() {
    assertThat(LiteralFormValues.asText("José Núñez 2")).isEqualTo("José Núñez 2");
    assertThat(LiteralFormValues.asText("<img src=x>"))
        .isEqualTo("&#60;img src&#61;x&#62;")
        .doesNotContain("<", ">");
    assertThat(LiteralFormValues.asText("[a](b) **c** {{d}} &lt;"))
        .doesNotContain("[", "]", "(", "*", "{", "&lt;");
  }

  @Test
  void simpleVariablesAreFilledInOthersAreLeftToTheForm() {
    String filled =
        LiteralFormValues.fillIn(
            "**{{candidateName}}** for {{ office }} ({{race}}) {{#if x}}y{{/if}} {{missing}}.",
            Map.of("candidateName", "<b>Evil</b>", "office", "U.S. House", "race", "NY-24"));
    assertThat(filled)
        .startsWith("**&#60;b&#62;Evil&#60;&#47;b&#62;** for U&#46;S&#46; House (NY&#45;24)")
        .contains("{{#if x}}y{{/if}}")
        .endsWith(" .");
  }
}
