package org.pathtovictory.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one translation from an exception to an answer, shared by Camunda's REST API, the webapps'
 * APIs (Tasklist, Cockpit, Admin) and our Spring MVC controllers: a missing resource is 404, a
 * malformed or incomplete request 400 (naming the field when known), a forbidden one 403, a lost
 * race 409; the body is {@code {"type", "message"}} with a sentence a volunteer or an integrator
 * understands. No answer shows a Java class name, a stack trace or SQL: engine messages pass only
 * when they show none of these, otherwise a plain sentence replaces them. Exceptions of our own
 * answer for themselves ({@link ApiRefusal}).
 */
public final class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /** An answer: HTTP status and JSON body. */
  public record Answer(int status, Map<String, Object> body) {}

  private static final Pattern ENGINE_CODE = Pattern.compile("\\b[A-Z]+-\\d{5}\\s*");
  private static final Pattern INSIDES =
      Pattern.compile(
          "(?s).*(\\b[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*\\.[a-zA-Z0-9_.$]*[A-Z]"
              + "|Exception\\b|Error\\b|\\bat [a-z]+\\.|\\bSELECT\\b|\\bINSERT\\b|\\bUPDATE\\b"
              + "|\\bDELETE\\b|\\bACT_|\\bSQL|\\bnull\\b|\\bClass\\b|\\bclass\\b|\\bjava|Hibernate"
              + "|MyBatis|mybatis|\\$\\{|#\\{|Cannot invoke|because \"|\\bcast\\b|\\bbean\\b).*");
  private static final Pattern TASK_PATH = Pattern.compile(".*/task/([^/]+)(?:/([a-z-]+))?/?$");
  private static final Pattern NOT_THERE =
      Pattern.compile(
          "(?i).*(does ?n[o']t exist|not found|cannot find|could not find|no matching|is unknown"
              + "|no deployed|no .* (?:with|for) (?:id|key)).*");

  private ApiErrors() {}

  /**
   * The answer to {@code error}, thrown while handling a request to {@code path} (used to say who
   * completed a task that lost a race); {@code engine} may be null.
   */
  public static Answer answer(Throwable error, String path, ProcessEngine engine) {
    ApiRefusal refusal = find(error, ApiRefusal.class);
    if (refusal != null) {
      return new Answer(refusal.status(), refusal.body());
    }
    if (EngineRestConfig.isTenantRefusal(error)) {
      return answer(403, "Forbidden", "This belongs to a local group you are not a member of.");
    }
    AuthorizationException forbidden = find(error, AuthorizationException.class);
    if (forbidden != null) {
      return answer(403, "Forbidden", forbiddenSentence(forbidden));
    }
    TaskAlreadyClaimedException claimed = find(error, TaskAlreadyClaimedException.class);
    if (claimed != null) {
      return answer(
          409,
          "Conflict",
          "This task was already claimed by "
              + displayName(engine, claimed.getTaskAssignee())
              + ". Reload the task list to see who works on what.");
    }
    if (find(error, OptimisticLockingException.class) != null || isConcurrentUpdate(error)) {
      Answer task = taskNoLongerOpen(path, engine);
      return task != null
          ? task
          : answer(
              409,
              "Conflict",
              "Someone else changed this at the same moment. Reload and try again.");
    }
    MismatchingMessageCorrelationException mismatch =
        find(error, MismatchingMessageCorrelationException.class);
    if (mismatch != null) {
      return answer(
          409,
          "Conflict",
          "No campaign is waiting for this message with these details (any more): check the"
              + " message name and the business key, or whether it was already sent.");
    }
    NotFoundException notFound = find(error, NotFoundException.class);
    if (notFound != null) {
      return notThere(path, engine, notFound.getMessage());
    }
    JsonProcessingException json = find(error, JsonProcessingException.class);
    if (json != null) {
      return unreadableJson(json);
    }
    ParamException param = find(error, ParamException.class);
    if (param != null) {
      String where = param.getParameterType().getSimpleName().replace("Param", "").toLowerCase();
      if ("path".equals(where)) {
        return notThere(path, engine, null);
      }
      return invalid(
          param.getParameterName(),
          "has a value of the wrong kind (" + where + " parameter); see the API documentation");
    }
    RestException rest = find(error, RestException.class);
    if (rest != null && rest.getStatus() != null && rest.getStatus().getStatusCode() < 500) {
      return fromStatus(rest.getStatus().getStatusCode(), rest.getMessage(), path, engine);
    }
    if (rest instanceof InvalidRequestException invalid && invalid.getCause() == null) {
      // Camunda's REST layer refusing the request itself, with 500 in a few places
      // (e.g. "No job found with id ..." when setting a due date)
      String message = invalid.getMessage();
      return message != null && NOT_THERE.matcher(message).matches()
          ? notThere(path, engine, message)
          : answer(400, "BadRequest", sentence(message, "The request cannot be carried out."));
    }
    WebApplicationException web = find(error, WebApplicationException.class);
    if (web != null && web.getResponse().getStatus() < 500) {
      return fromStatus(web.getResponse().getStatus(), web.getMessage(), path, engine);
    }
    SQLException sql = find(error, SQLException.class);
    if (sql != null) {
      return fromDatabase(sql, error);
    }
    NullValueException nullValue = find(error, NullValueException.class);
    if (nullValue != null) {
      String message = nullValue.getMessage();
      return message != null && NOT_THERE.matcher(message).matches()
          ? notThere(path, engine, message)
          : answer(400, "BadRequest", "The request is incomplete: " + missingPart(message));
    }
    BadUserRequestException bad = find(error, BadUserRequestException.class);
    if (bad != null) {
      String message = bad.getMessage();
      if (message != null && NOT_THERE.matcher(message).matches()) {
        return notThere(path, engine, message);
      }
      return answer(400, "BadRequest", sentence(message, "The request cannot be carried out."));
    }
    if (find(error, ProcessEngineException.class) != null
        || find(error, IllegalArgumentException.class) != null
        || find(error, NullPointerException.class) != null
        || find(error, IllegalStateException.class) != null
        || find(error, ClassCastException.class) != null
        || find(error, java.time.DateTimeException.class) != null
        || find(error, UnsupportedOperationException.class) != null) {
      // the engine refused what the request asked for (an incomplete authorization, a condition
      // nobody waits for, ...): the caller can change the request; we log it to see the cause
      LOG.info("Refused a request to {}: {}", path, error.toString());
      LOG.debug("Cause of the refusal", error);
      String message = engineMessage(error);
      return answer(
          400,
          "BadRequest",
          sentence(
              message,
              "The request cannot be carried out as sent: a value is missing or not one the"
                  + " engine accepts. Check it against the API documentation."));
    }
    LOG.error("Failed to answer a request to {}", path, error);
    return answer(
        500, "ServerError", "Something went wrong on our side. It has been logged; try again.");
  }

  /** An answer of {@code status} for a request that Jersey or Camunda's REST layer refused. */
  private static Answer fromStatus(int status, String message, String path, ProcessEngine engine) {
    return switch (status) {
      case 400 ->
          answer(400, "BadRequest", sentence(message, "The request is malformed or incomplete."));
      case 401 -> answer(401, "Unauthorized", "Sign in first.");
      case 403 -> answer(403, "Forbidden", sentence(message, "You may not do this."));
      case 404 -> notThere(path, engine, message);
      case 405 -> answer(405, "MethodNotAllowed", "This address does not accept this method.");
      case 406 -> answer(406, "NotAcceptable", "This answer is available only as JSON.");
      case 409 -> answer(409, "Conflict", sentence(message, "This conflicts with a change made."));
      case 415 ->
          answer(
              415,
              "UnsupportedMediaType",
              "Send the body as JSON (Content-Type: application/json).");
      default ->
          answer(status, "BadRequest", sentence(message, "The request cannot be carried out."));
    };
  }

  private static Answer fromDatabase(SQLException sql, Throwable error) {
    String state = sql.getSQLState() == null ? "" : sql.getSQLState();
    if (state.startsWith("23")) {
      return answer(
          409, "Conflict", "This conflicts with data already stored, e.g. an id already in use.");
    }
    if (state.startsWith("22")) {
      return answer(
          400, "BadRequest", "A value is too long or not of the kind this field can store.");
    }
    LOG.error("Database error while answering a request", error);
    return answer(
        503, "Unavailable", "The database is not available right now. Try again in a minute.");
  }

  /** A lost race with another request: H2 and PostgreSQL lock and serialization failures. */
  private static boolean isConcurrentUpdate(Throwable error) {
    SQLException sql = find(error, SQLException.class);
    if (sql == null || sql.getSQLState() == null) {
      return false;
    }
    String state = sql.getSQLState();
    return state.startsWith("40") || "HYT00".equals(state) || "55P03".equals(state);
  }

  /** 404 — or 409 when the path names a task that the history says someone finished. */
  private static Answer notThere(String path, ProcessEngine engine, String message) {
    Answer task = taskNoLongerOpen(path, engine);
    if (task != null) {
      return task;
    }
    return answer(
        404,
        "NotFound",
        sentence(message, "There is nothing here that you may see. Check the address and the id."));
  }

  /**
   * A request on a task that is no longer open: who completed it, when the history shows it and the
   * caller may read it.
   */
  private static Answer taskNoLongerOpen(String path, ProcessEngine engine) {
    if (path == null || engine == null) {
      return null;
    }
    Matcher task = TASK_PATH.matcher(path);
    if (!task.matches()) {
      return null;
    }
    return taskClosedSentence(task.group(1), engine)
        .map(sentence -> answer(409, "Conflict", sentence))
        .orElse(null);
  }

  /**
   * Why a task is no longer open, in one sentence (who completed it, when the history says), or
   * empty while it is open or unknown. The task page ({@code org.pathtovictory.tasks}) says the
   * same as the REST API.
   */
  public static java.util.Optional<String> taskClosedSentence(String taskId, ProcessEngine engine) {
    try {
      if (engine.getTaskService().createTaskQuery().taskId(taskId).count() > 0) {
        return java.util.Optional.empty();
      }
      HistoricTaskInstance history =
          engine
              .getHistoryService()
              .createHistoricTaskInstanceQuery()
              .taskId(taskId)
              .singleResult();
      if (history == null || history.getEndTime() == null) {
        return java.util.Optional.empty();
      }
      if (!"completed".equals(history.getDeleteReason())) {
        return java.util.Optional.of(
            "This task is no longer open: the campaign moved on without it. Reload the task list.");
      }
      List<UserOperationLogEntry> log =
          engine
              .getHistoryService()
              .createUserOperationLogQuery()
              .taskId(taskId)
              .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
              .list();
      String by =
          log.stream()
              .map(UserOperationLogEntry::getUserId)
              .filter(Objects::nonNull)
              .findFirst()
              .orElse(history.getAssignee());
      return java.util.Optional.of(
          "This task was already completed"
              + (by == null ? "" : " by " + displayName(engine, by))
              + ". Reload the task list to see what comes next.");
    } catch (RuntimeException e) {
      LOG.debug("Cannot read the history of task {}", taskId, e);
      return java.util.Optional.empty();
    }
  }

  private static String displayName(ProcessEngine engine, String userId) {
    if (userId == null) {
      return "someone else";
    }
    try {
      User user =
          engine == null
              ? null
              : engine.getIdentityService().createUserQuery().userId(userId).singleResult();
      if (user != null && user.getFirstName() != null) {
        String name = (user.getFirstName() + " " + Objects.toString(user.getLastName(), "")).trim();
        return name + " (" + userId + ")";
      }
    } catch (RuntimeException e) {
      LOG.debug("Cannot read user {}", userId, e);
    }
    return userId;
  }

  private static String forbiddenSentence(AuthorizationException forbidden) {
    try {
      String missing =
          forbidden.getMissingAuthorizations().stream()
              .map(m -> m.getViolatedPermissionName() + " on " + m.getResourceType())
              .distinct()
              .collect(Collectors.joining(" or "));
      if (!missing.isBlank()) {
        return "You may not do this: it needs the permission "
            + missing.toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + ". Ask an administrator if you should have it.";
      }
    } catch (RuntimeException e) {
      LOG.debug("Cannot describe an authorization refusal", e);
    }
    return sentence(
        forbidden.getMessage(),
        "You may not do this. Ask an administrator if you should be able to.");
  }

  private static Answer unreadableJson(JsonProcessingException json) {
    if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null
                          ? ref.getFieldName()
                          : String.valueOf(ref.getIndex()))
              .collect(Collectors.joining("."));
      return invalid(field, "has a value of the wrong kind; see the API documentation");
    }
    return answer(400, "BadRequest", "The body is not valid JSON.");
  }

  static Answer invalid(String field, String reason) {
    return new Answer(400, new InvalidInputException(field, reason).body());
  }

  private static String missingPart(String message) {
    if (message != null) {
      Matcher name = Pattern.compile("(\\w+) is null").matcher(message);
      if (name.find()) {
        return name.group(1) + " is missing.";
      }
    }
    return "a required value is missing.";
  }

  /** The message of the engine exception nearest to the cause. */
  private static String engineMessage(Throwable error) {
    String message = null;
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProcessEngineException && cause.getMessage() != null) {
        message = cause.getMessage();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return message;
  }

  /**
   * {@code message} without the engine's code, when it shows nothing of the server's insides;
   * otherwise {@code fallback}.
   */
  static String sentence(String message, String fallback) {
    if (message == null || message.isBlank()) {
      return fallback;
    }
    String clean = ENGINE_CODE.matcher(message).replaceAll("").trim();
    if (clean.length() > 400 || INSIDES.matcher(clean).matches() || clean.contains("\n")) {
      return fallback;
    }
    return clean;
  }

  static Answer answer(int status, String type, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    return new Answer(status, body);
  }

  /** The first cause of {@code type}, the exception itself included. */
  static <T> T find(Throwable error, Class<T> type) {
    int depth = 0;
    for (Throwable cause = error; cause != null && depth < 20; cause = cause.getCause(), depth++) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
