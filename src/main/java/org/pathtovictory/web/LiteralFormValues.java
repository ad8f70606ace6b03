package org.pathtovictory.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Forms show variables as text. form-js fills {@code {{candidateName}}} into a text component and
 * then renders the result as Markdown and HTML, so a value a volunteer typed ({@code [click
 * me](https://...)}, {@code <img src=...>}) would become a link or an image in someone else's form.
 * When a task's form is fetched ({@code GET .../task/{id}/deployed-form}, as Tasklist does), the
 * server fills each {@code {{variable}}} of the text components itself, with every character that
 * is not a letter, digit or space written as an HTML character reference: the browser shows it as
 * that character and never as markup. Organizers keep writing {@code {{variable}}} in their forms;
 * other templating (conditions, loops, expressions) is left to form-js.
 */
class LiteralFormValues extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(LiteralFormValues.class);
  private static final Pattern TASK_FORM = Pattern.compile(".*/task/([^/]+)/deployed-form/?$");
  private static final Pattern VARIABLE =
      Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private final ObjectMapper mapper = new ObjectMapper();
  private final ProcessEngine engine;

  LiteralFormValues(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod())
        || !TASK_FORM.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, captured);
    byte[] body = captured.getContentAsByteArray();
    if (captured.getStatus() == 200 && body.length > 0) {
      Matcher task = TASK_FORM.matcher(request.getRequestURI());
      if (task.matches()) {
        byte[] literal = literal(task.group(1), body);
        if (literal != null) {
          captured.resetBuffer();
          response.setContentLength(literal.length);
          captured.getResponse().getOutputStream().write(literal);
          response.flushBuffer();
          return;
        }
      }
    }
    captured.copyBodyToResponse();
  }

  /** The form with the task's values filled into its text components, or null to leave it. */
  private byte[] literal(String taskId, byte[] form) {
    try {
      JsonNode schema = mapper.readTree(form);
      if (schema == null || !schema.has("components")) {
        return null;
      }
      Map<String, Object> values = variables(taskId);
      fill(schema, values);
      return mapper.writeValueAsBytes(schema);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot show the values of task {} as text in its form: {}", taskId, e.toString());
      return null;
    }
  }

  /**
   * The task's variables. Only called after the form itself was answered 200, i.e. the caller may
   * read the task; the values are the ones Tasklist loads for the form anyway.
   */
  private Map<String, Object> variables(String taskId) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration
        .getCommandExecutorTxRequired()
        .execute(
            context ->
                context.runWithoutAuthorization(
                    () -> engine.getTaskService().getVariables(taskId)));
  }

  private static void fill(JsonNode container, Map<String, Object> values) {
    for (JsonNode component : container.path("components")) {
      String type = component.path("type").asText();
      if (("text".equals(type) || "html".equals(type)) && component instanceof ObjectNode text) {
        String field = "text".equals(type) ? "text" : "content";
        String template = text.path(field).asText(null);
        if (template != null && !template.startsWith("=")) {
          text.put(field, fillIn(template, values));
        }
      }
      fill(component, values);
    }
  }

  static String fillIn(String template, Map<String, Object> values) {
    Matcher variable = VARIABLE.matcher(template);
    StringBuilder filled = new StringBuilder();
    while (variable.find()) {
      Object value = values.get(variable.group(1));
      variable.appendReplacement(
          filled, Matcher.quoteReplacement(value == null ? "" : asText(value.toString())));
    }
    variable.appendTail(filled);
    return filled.toString();
  }

  /** Letters, digits, spaces and line breaks as they are; every other character as a reference. */
  static String asText(String value) {
    StringBuilder text = new StringBuilder(value.length() * 2);
    value
        .codePoints()
        .forEach(
            c -> {
              if (Character.isLetterOrDigit(c) || c == ' ' || c == '\n') {
                text.appendCodePoint(c);
              } else {
                text.append("&#").append(c).append(';');
              }
            });
    return text.toString();
  }
}
