package org.pathtovictory.web;

import java.util.regex.Pattern;

/**
 * What text volunteers type may hold. Every text value is shown to other people: in forms (where
 * form-js renders Markdown and HTML), in mails, on the board and in exports. Names (a candidate, an
 * office) hold letters of any language, digits, spaces and ordinary punctuation; free text holds
 * anything but markup that a renderer would turn into an element: HTML tags and entities, Markdown
 * links and images, and {@code javascript:}, {@code vbscript:} or {@code data:} addresses.
 */
public final class PlainText {

  /** Letters (accented too), digits, spaces and . , ' ’ - – ( ) & / # : ; ! ? " “ ” */
  public static final String NAME = "[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N} .,'’\\-–()&/#:;!?\"“”]*";

  public static final String NAME_MESSAGE =
      "may hold letters, digits, spaces and ordinary punctuation (. , ' - ( ) & / # :), starting"
          + " with a letter or digit";

  public static final String MARKUP_MESSAGE =
      "must be plain text: no HTML tags or entities (<...>, &...;), no Markdown links or images"
          + " ([...](...)), no javascript: or data: addresses";

  private static final Pattern MARKUP =
      Pattern.compile(
          "<\\s*[a-zA-Z!/?]" // an HTML tag, comment or processing instruction
              + "|&#?[a-zA-Z0-9]+;" // an HTML entity, which a renderer would turn into markup
              + "|\\]\\s*[(\\[]" // a Markdown link or image: [text](url), ![alt](src), [a][ref]
              + "|^\\s*\\[[^\\]]*\\]:" // a Markdown link reference definition
              + "|<[a-zA-Z][a-zA-Z0-9+.-]*:" // a Markdown autolink <https://...>
              + "|(?i)(?:javascript|vbscript)\\s*:" // script addresses
              + "|(?i)\\bdata:[a-z]+/", // data: URLs
          Pattern.MULTILINE);

  private PlainText() {}

  /** Whether {@code value} holds markup that a form, mail or page would render. */
  public static boolean hasMarkup(String value) {
    return value != null && MARKUP.matcher(value).find();
  }
}
