package org.pathtovictory.modeling;

/**
 * One reason a deployment is refused: the file, the element (id and name, empty for the file as a
 * whole) and what is wrong, in words an organizer can act on.
 */
public record ModelProblem(String resource, String element, String reason) {

  /** {@code file · element id (element name): reason}. */
  @Override
  public String toString() {
    return element == null || element.isBlank()
        ? resource + ": " + reason
        : resource + " · " + element + ": " + reason;
  }
}
