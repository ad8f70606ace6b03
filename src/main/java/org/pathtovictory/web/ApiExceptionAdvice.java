package org.pathtovictory.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Our {@code /api} controllers answer errors the way Camunda's REST API and the webapps do ({@link
 * ApiErrors}): 400 naming the parameter or field, 403, 404, 409, with a sentence and without the
 * server's insides. Errors that never reach a controller (Spring Boot's {@code /error}) get the
 * same {@code type} and {@code message}.
 */
@RestControllerAdvice
class ApiExceptionAdvice {

  private final ProcessEngine engine;

  ApiExceptionAdvice(ProcessEngine engine) {
    this.engine = engine;
  }

  @ExceptionHandler(Throwable.class)
  ResponseEntity<Map<String, Object>> answer(Throwable error, HttpServletRequest request) {
    ApiErrors.Answer answer = translate(error, request.getRequestURI());
    return ResponseEntity.status(answer.status())
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(answer.body());
  }

  ApiErrors.Answer translate(Throwable error, String path) {
    if (error instanceof MissingServletRequestParameterException missing) {
      return ApiErrors.invalid(missing.getParameterName(), "is required");
    }
    if (error instanceof MethodArgumentTypeMismatchException mismatch) {
      return ApiErrors.invalid(mismatch.getName(), "has a value of the wrong kind");
    }
    if (error instanceof HttpMessageNotReadableException) {
      ApiErrors.Answer json = ApiErrors.answer(error, path, null);
      return json.status() == 400
          ? json
          : ApiErrors.answer(400, "BadRequest", "The body is missing or not valid JSON.");
    }
    if (error instanceof ResponseStatusException status) {
      return fromStatus(status.getStatusCode().value(), status.getReason());
    }
    if (error instanceof ErrorResponse response) {
      return fromStatus(response.getStatusCode().value(), null);
    }
    return ApiErrors.answer(error, path, engine);
  }

  private static ApiErrors.Answer fromStatus(int status, String reason) {
    return ApiErrors.answer(status, typeOf(status), ApiErrors.sentence(reason, sentenceOf(status)));
  }

  static String typeOf(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 415 -> "UnsupportedMediaType";
      default -> status >= 500 ? "ServerError" : "BadRequest";
    };
  }

  static String sentenceOf(int status) {
    return switch (status) {
      case 400 -> "The request is malformed or incomplete.";
      case 401 -> "Sign in first.";
      case 403 -> "You may not do this.";
      case 404 -> "There is nothing here that you may see. Check the address and the id.";
      case 405 -> "This address does not accept this method.";
      case 406 -> "This answer is not available in the format asked for.";
      case 415 -> "Send the body as JSON (Content-Type: application/json).";
      default ->
          status >= 500
              ? "Something went wrong on our side. It has been logged; try again."
              : "The request cannot be carried out.";
    };
  }

  /** Spring Boot's {@code /error}: a type and a sentence, never an exception or a trace. */
  @Bean
  static DefaultErrorAttributes errorAttributes() {
    return new DefaultErrorAttributes() {
      @Override
      public Map<String, Object> getErrorAttributes(
          WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes =
            super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
        int status =
            attributes.get("status") instanceof Integer code ? code : 500; // absent: unknown
        attributes.put("type", typeOf(status));
        attributes.put("message", sentenceOf(status));
        attributes.remove("exception");
        attributes.remove("trace");
        attributes.remove("errors");
        return attributes;
      }
    };
  }
}
