package org.pathtovictory.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.pathtovictory.web.InvalidInputException.Problem;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A floor under every value submitted to the engine over REST or from Tasklist (the webapps call
 * {@code /camunda/api/engine}): whatever the form or the process, a variable must have one of the
 * plain types below, a value of that type, and no text longer than the configured maximum. Object,
 * file, bytes and XML variables are refused, so no client chooses a class for the engine to
 * deserialize. The forms' own rules (required, patterns, email) are checked by the endorsement
 * package; this guard is the same for every request, and it refuses markup in text variables
 * ({@link PlainText}) whether they come with a start, a completion, a message or a variable update.
 * Refused requests answer 400 naming each field, in the format of {@link EngineRestConfig}, and
 * never reach the engine: the task stays open.
 */
class VariableInputGuard extends OncePerRequestFilter {

  static final Set<String> ACCEPTED_TYPES =
      Set.of("string", "boolean", "integer", "long", "short", "double", "date", "null", "json");
  static final int MAX_BODY_BYTES = 2_000_000;
  private static final Set<String> VARIABLE_KEYS = Set.of("value", "type", "valueInfo", "local");
  private static final Pattern VARIABLE_PATH = Pattern.compile(".*/variables/([^/]+)$");
  private static final Pattern BINARY_UPLOAD = Pattern.compile(".*/variables/[^/]+/data$");
  private static final String DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSZ";

  private final ObjectMapper mapper = new ObjectMapper();
  private final int maxTextLength;

  VariableInputGuard(int maxTextLength) {
    this.maxTextLength = maxTextLength;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return !("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String contentType = request.getContentType() == null ? "" : request.getContentType();
    if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
        && BINARY_UPLOAD.matcher(path).matches()) {
      refuse(response, List.of(new Problem(variableName(path, true), "files are not accepted")));
      return;
    }
    if (!contentType.toLowerCase(Locale.ROOT).contains("json")) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      refuse(response, List.of(new Problem("body", "is larger than " + MAX_BODY_BYTES + " bytes")));
      return;
    }
    List<Problem> problems = problems(path, body);
    if (!problems.isEmpty()) {
      refuse(response, problems);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** What is wrong with a JSON body sent to {@code path}; empty when it may pass. */
  List<Problem> problems(String path, byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      return List.of(new Problem("body", "is not valid JSON"));
    } catch (IOException e) {
      return List.of(new Problem("body", "cannot be read"));
    }
    List<Problem> problems = new ArrayList<>();
    if (root == null) {
      return problems;
    }
    var single = VARIABLE_PATH.matcher(path);
    if (single.matches() && isVariable(root)) {
      checkVariable(single.group(1), root, problems);
    } else {
      walk("body", root, problems);
    }
    problems.sort(Comparator.comparing(Problem::field));
    return problems;
  }

  private void walk(String name, JsonNode node, List<Problem> problems) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (entry.getValue().isObject() && isVariable(entry.getValue())) {
          checkVariable(entry.getKey(), entry.getValue(), problems);
        } else {
          walk(entry.getKey(), entry.getValue(), problems);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> walk(name, element, problems));
    } else if (node.isTextual() && node.asText().length() > maxTextLength) {
      problems.add(new Problem(name, tooLong()));
    }
  }

  /** Camunda's variable format: {@code {"value": ..., "type": ..., "valueInfo": {...}}}. */
  private static boolean isVariable(JsonNode node) {
    if (!node.has("value") && !node.has("type")) {
      return false;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      if (!VARIABLE_KEYS.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  private void checkVariable(String name, JsonNode variable, List<Problem> problems) {
    JsonNode typeNode = variable.get("type");
    String type =
        typeNode == null || typeNode.isNull() ? null : typeNode.asText().toLowerCase(Locale.ROOT);
    JsonNode value = variable.get("value");
    if (type != null && !ACCEPTED_TYPES.contains(type)) {
      problems.add(
          new Problem(
              name,
              "values of type "
                  + typeNode.asText()
                  + " are not accepted; send String, Boolean, Integer, Long, Double, Date or Json"));
      return;
    }
    if (value == null || value.isNull()) {
      return;
    }
    String reason =
        switch (type == null ? "untyped" : type) {
          case "string" -> value.isTextual() ? textOf(value) : "must be text";
          case "json" -> value.isTextual() ? lengthOf(value) : "must be text";
          case "boolean" -> value.isBoolean() ? null : "must be true or false";
          case "short" ->
              value.isIntegralNumber()
                      && value.canConvertToInt()
                      && Math.abs(value.intValue()) <= Short.MAX_VALUE
                  ? null
                  : "must be a whole number between -32768 and 32767";
          case "integer" ->
              value.isIntegralNumber() && value.canConvertToInt() ? null : "must be a whole number";
          case "long" ->
              value.isIntegralNumber() && value.canConvertToLong()
                  ? null
                  : "must be a whole number";
          case "double" -> value.isNumber() ? null : "must be a number";
          case "date" ->
              value.isTextual() && isDate(value.asText())
                  ? null
                  : "must be a date and time like 2026-06-01T09:00:00.000-0400";
          case "null" -> "must be empty for type Null";
          default -> value.isValueNode() ? textOf(value) : "must be a single value, not a list";
        };
    if (reason != null) {
      problems.add(new Problem(name, reason));
    }
  }

  /** Text that someone else will read: not too long, and no markup ({@link PlainText}). */
  private String textOf(JsonNode value) {
    String tooLong = lengthOf(value);
    if (tooLong != null) {
      return tooLong;
    }
    return value.isTextual() && PlainText.hasMarkup(value.asText())
        ? PlainText.MARKUP_MESSAGE
        : null;
  }

  private String lengthOf(JsonNode value) {
    return value.isTextual() && value.asText().length() > maxTextLength ? tooLong() : null;
  }

  private String tooLong() {
    return "is longer than " + maxTextLength + " characters";
  }

  private static boolean isDate(String text) {
    SimpleDateFormat format = new SimpleDateFormat(DATE_FORMAT, Locale.ROOT);
    format.setLenient(false);
    try {
      format.parse(text);
      return true;
    } catch (ParseException e) {
      return false;
    }
  }

  private static String variableName(String path, boolean binary) {
    String[] segments = path.split("/");
    return segments[segments.length - (binary ? 2 : 1)];
  }

  private void refuse(HttpServletResponse response, List<Problem> problems) throws IOException {
    InvalidInputException refused = new InvalidInputException(problems);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "InvalidInput");
    body.put("message", refused.getMessage());
    body.put(
        "problems",
        problems.stream().map(p -> Map.of("field", p.field(), "reason", p.reason())).toList());
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    mapper.writeValue(response.getOutputStream(), body);
  }

  /** The request with its body read once and served again to the REST resources. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding =
          getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
      return new BufferedReader(
          new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
