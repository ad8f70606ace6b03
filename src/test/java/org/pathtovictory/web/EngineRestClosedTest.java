package org.pathtovictory.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.junit.jupiter.api.Test;
import org.pathtovictory.WebTestSupport;

/** Nothing answers a stranger: every endpoint of Camunda's REST API demands credentials. */
class EngineRestClosedTest extends WebTestSupport {

  /** "GET /task/{id}/variables" for every resource method the REST API declares. */
  static Set<String> endpoints() {
    Set<String> endpoints = new TreeSet<>();
    for (Class<?> root : CamundaRestResources.getResourceClasses()) {
      Path path = root.getAnnotation(Path.class);
      collect(root, path == null ? "" : path.value(), endpoints, 0);
    }
    return endpoints;
  }

  private static void collect(Class<?> type, String prefix, Set<String> endpoints, int depth) {
    if (depth > 6) {
      return;
    }
    for (Method method : methodsOf(type)) {
      Path path = method.getAnnotation(Path.class);
      String here = path == null ? prefix : join(prefix, path.value());
      String verb = verb(method);
      if (verb != null) {
        endpoints.add(verb + " " + here);
      } else if (path != null) {
        // a sub-resource locator: follow it into the resource it returns
        collect(method.getReturnType(), here, endpoints, depth + 1);
      }
    }
  }

  private static List<Method> methodsOf(Class<?> type) {
    List<Method> methods = new ArrayList<>(List.of(type.getMethods()));
    for (Class<?> api : type.getInterfaces()) {
      methods.addAll(List.of(api.getMethods()));
    }
    return methods;
  }

  private static String verb(Method method) {
    if (method.isAnnotationPresent(GET.class)) {
      return "GET";
    } else if (method.isAnnotationPresent(POST.class)) {
      return "POST";
    } else if (method.isAnnotationPresent(PUT.class)) {
      return "PUT";
    } else if (method.isAnnotationPresent(DELETE.class)) {
      return "DELETE";
    }
    return null;
  }

  private static String join(String prefix, String path) {
    String joined = (prefix + "/" + path).replaceAll("/+", "/");
    return joined.length() > 1 && joined.endsWith("/")
        ? joined.substring(0, joined.length() - 1)
        : joined;
  }

  @Test
  void everyEndpointOfTheRestApiAnswers401Anonymously() {
    Set<String> endpoints = endpoints();
    // the list comes from the API itself; make sure it really is the whole API
    assertThat(endpoints.size()).isGreaterThan(300);
    assertThat(endpoints)
        .contains(
            "GET /engine",
            "GET /task",
            "POST /task/{id}/complete",
            "GET /engine/{name}/history/variable-instance",
            "POST /deployment/create");
    List<String> open = new ArrayList<>();
    for (String endpoint : endpoints) {
      String verb = endpoint.substring(0, endpoint.indexOf(' '));
      String path =
          endpoint
              .substring(endpoint.indexOf(' ') + 1)
              .replace("{name}", "default")
              .replaceAll("\\{[^}]+}", "x");
      var request =
          request("/engine-rest" + path, null)
              .header("Content-Type", "application/json")
              .method(
                  verb,
                  verb.equals("GET") || verb.equals("DELETE")
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString("{}"))
              .build();
      int status = send(request).statusCode();
      if (status != 401) {
        open.add(endpoint + " -> " + status);
      }
    }
    assertThat(open).as("endpoints answering a stranger").isEmpty();
  }

  @Test
  void ourOwnApiAnswers401Anonymously() {
    assertThat(get("/api/anything", null).statusCode()).isEqualTo(401);
  }
}
