package org.pathtovictory.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.pathtovictory.engine.RequestEngine;

/**
 * The Jersey side of {@link ApiErrors}: the exception mappers that replace Camunda's in its REST
 * API ({@link EngineRestConfig}) and in the webapps' APIs ({@link WebappApis}). One mapper for
 * every exception, plus the exact JSON types that Jersey's Jackson feature would otherwise map with
 * the parser's own words.
 */
public final class ApiExceptionMappers {

  private static final Pattern ENGINE_NAME = Pattern.compile(".*/engine/([^/]+)/.*");

  private ApiExceptionMappers() {}

  /** Our mappers, in place of every exception mapper among {@code classes}. */
  static Set<Class<?>> replaceExceptionMappers(Set<Class<?>> classes) {
    Set<Class<?>> replaced =
        classes.stream()
            .filter(type -> !ExceptionMapper.class.isAssignableFrom(type))
            .collect(Collectors.toSet());
    replaced.addAll(Set.of(AnyError.class, JsonParse.class, JsonMapping.class));
    return replaced;
  }

  abstract static class Base<E extends Throwable> implements ExceptionMapper<E> {

    @Context HttpServletRequest request;

    @Override
    public Response toResponse(E exception) {
      String path = request == null ? null : request.getRequestURI();
      ApiErrors.Answer answer = ApiErrors.answer(exception, path, engine(path));
      return Response.status(answer.status())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(answer.body())
          .build();
    }

    private static ProcessEngine engine(String path) {
      String name = "default";
      Matcher named = path == null ? null : ENGINE_NAME.matcher(path);
      if (named != null && named.matches()) {
        name = named.group(1);
      }
      // the engine of the context serving this request (RequestEngine), as the REST API's own
      ProcessEngine engine = RequestEngine.PROVIDER.getProcessEngine(name);
      return engine != null ? engine : RequestEngine.PROVIDER.getDefaultProcessEngine();
    }
  }

  /** Every exception that no more specific mapper of ours takes. */
  @Priority(1)
  public static class AnyError extends Base<Throwable> {}

  /** Broken JSON in a body. */
  @Priority(1)
  public static class JsonParse extends Base<JsonParseException> {}

  /** JSON of the wrong shape, e.g. text where a number belongs: names the field. */
  @Priority(1)
  public static class JsonMapping extends Base<JsonMappingException> {}
}
