package org.pathtovictory.board;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** A refusal of the board's JSON side answers with its sentence, not a bare status. */
@RestControllerAdvice(assignableTypes = BoardController.class)
class BoardErrors {

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, Object>> refused(ResponseStatusException refused) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", refused.getStatusCode().value());
    body.put("message", refused.getReason() == null ? "" : refused.getReason());
    return ResponseEntity.status(refused.getStatusCode())
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }
}
