package org.pathtovictory.system;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.pathtovictory.modeling.DeploymentRefusedException;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST resources, with one change: a start or completion that our validation refused
 * answers 400 naming the fields, and a deployment the deployment check refused answers 400 naming
 * every problem, instead of the generic 500 Camunda gives any engine exception.
 */
@Component
class EngineRestConfig extends CamundaJerseyResourceConfig {

  @Override
  protected void registerCamundaRestResources() {
    registerClasses(CamundaRestResources.getResourceClasses());
    registerClasses(
        CamundaRestResources.getConfigurationClasses().stream()
            .filter(
                type ->
                    type != RestExceptionHandler.class
                        && type != ProcessEngineExceptionHandler.class)
            .collect(java.util.stream.Collectors.toSet()));
    register(JacksonFeature.class);
    register(InvalidInputAwareRestExceptionHandler.class);
    register(InvalidInputExceptionHandler.class);
    register(DeploymentRefusedExceptionHandler.class);
    register(TenantAwareProcessEngineExceptionHandler.class);
  }

  /**
   * Refused input that reaches Jersey unwrapped, e.g. {@code POST /message} starting a process
   * whose start listener refuses it (Camunda would answer 500); the most specific mapper wins.
   */
  static class InvalidInputExceptionHandler implements ExceptionMapper<InvalidInputException> {

    @Override
    public Response toResponse(InvalidInputException exception) {
      return InvalidInputAwareRestExceptionHandler.badRequest(exception);
    }
  }

  /** A deployment the deployment check refused: 400 with every problem, by file and element. */
  static class DeploymentRefusedExceptionHandler
      implements ExceptionMapper<DeploymentRefusedException> {

    @Override
    public Response toResponse(DeploymentRefusedException exception) {
      return deploymentRefused(exception);
    }
  }

  /** The 400 answer to a refused deployment; any REST layer may answer the same. */
  public static Response deploymentRefused(DeploymentRefusedException refused) {
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(refused.body())
        .build();
  }

  /** The refused deployment inside {@code exception}'s causes, or null. */
  static DeploymentRefusedException deploymentRefusal(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof DeploymentRefusedException refused) {
        return refused;
      }
    }
    return null;
  }

  /**
   * The engine refuses another local group's task or instance with a plain engine exception
   * (ENGINE-13034, "belongs to no authenticated tenant") that Camunda answers with 500; it is a
   * refusal, so it answers 403 and says no more than that.
   */
  static boolean isTenantRefusal(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null
          && cause.getMessage().contains("because it belongs to no authenticated tenant")) {
        return true;
      }
    }
    return false;
  }

  static Response tenantRefused() {
    return Response.status(Response.Status.FORBIDDEN)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            Map.of(
                "type",
                "AuthorizationException",
                "message",
                "This belongs to a local group you are not a member of"))
        .build();
  }

  /**
   * Replaces {@link ProcessEngineExceptionHandler}; only the tenant refusal answers differently.
   */
  static class TenantAwareProcessEngineExceptionHandler
      implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camundaHandler =
        new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      DeploymentRefusedException refused = deploymentRefusal(exception);
      if (refused != null) {
        return deploymentRefused(refused);
      }
      return isTenantRefusal(exception) ? tenantRefused() : camundaHandler.toResponse(exception);
    }
  }

  /** Replaces {@link RestExceptionHandler}; everything but refused input is handled as before. */
  static class InvalidInputAwareRestExceptionHandler implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camundaHandler = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidInputException invalid) {
          return badRequest(invalid);
        }
      }
      DeploymentRefusedException refused = deploymentRefusal(exception);
      if (refused != null) {
        return deploymentRefused(refused);
      }
      if (isTenantRefusal(exception)) {
        return tenantRefused();
      }
      return camundaHandler.toResponse(exception);
    }

    static Response badRequest(InvalidInputException invalid) {
      List<Map<String, String>> problems =
          invalid.getProblems().stream()
              .map(p -> Map.of("field", p.field(), "reason", p.reason()))
              .toList();
      return Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(
              Map.of("type", "InvalidInput", "message", invalid.getMessage(), "problems", problems))
          .build();
    }
  }
}
