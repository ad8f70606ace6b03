package org.pathtovictory.web;

import java.util.Map;

/**
 * An exception that knows how every API answers it: its HTTP status (4xx) and its JSON body, with
 * at least {@code type} and a {@code message} a volunteer or an integrator can act on. The
 * translation ({@link ApiErrors}) finds it anywhere in the cause chain, so it answers the same on
 * {@code /engine-rest}, the webapps' {@code /camunda/api/*} (Tasklist) and our {@code /api}.
 */
public interface ApiRefusal {

  /** The HTTP status, e.g. 400. */
  int status();

  /** The JSON body: no class names, stack traces, SQL or ids the caller did not send. */
  Map<String, Object> body();
}
