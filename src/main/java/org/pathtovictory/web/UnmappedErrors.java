package org.pathtovictory.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last net under the APIs: an exception that escapes Jersey's exception mappers (e.g. from the
 * webapps' asynchronous fetch-and-lock of external tasks) is answered by {@link ApiErrors} too,
 * instead of becoming a 500 from the servlet container.
 */
class UnmappedErrors extends OncePerRequestFilter {

  private final ObjectMapper mapper = new ObjectMapper();
  private final ProcessEngine engine;

  UnmappedErrors(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getRequestURI().matches(".*/camunda/api/engine/.*/external-task/fetchAndLock/?")) {
      // long polling needs asynchronous servlets, which the webapps' API is not: Camunda answers
      // every request there with 500; workers fetch from /engine-rest
      write(
          response,
          ApiErrors.answer(
              404,
              "NotFound",
              "External task workers fetch and lock at /engine-rest/external-task/fetchAndLock."));
      return;
    }
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException e) {
      if (response.isCommitted()) {
        throw e;
      }
      response.reset();
      write(response, ApiErrors.answer(e, request.getRequestURI(), engine));
    }
  }

  private void write(HttpServletResponse response, ApiErrors.Answer answer) throws IOException {
    response.setStatus(answer.status());
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    mapper.writeValue(response.getOutputStream(), answer.body());
  }
}
