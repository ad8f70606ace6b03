package org.pathtovictory.modeling;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.pathtovictory.system.InvalidInputException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The model files of a multipart request, as Camunda Modeler sends them to {@code
 * /engine-rest/deployment/create}: each file a part whose file name is the resource name.
 */
public final class ModelUpload {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,150}");

  private ModelUpload() {}

  /** Resource name to content, in the order sent; refuses a request without model files. */
  public static Map<String, byte[]> resources(HttpServletRequest request) {
    if (!(request instanceof MultipartHttpServletRequest multipart)) {
      throw new InvalidInputException(
          "files",
          "send the models as multipart/form-data, each file a part named by its file name (e.g."
              + " post-endorsement.bpmn)");
    }
    Map<String, byte[]> resources = new LinkedHashMap<>();
    for (MultipartFile file :
        multipart.getMultiFileMap().values().stream().flatMap(l -> l.stream()).toList()) {
      String name = file.getOriginalFilename();
      if (name == null || name.isBlank()) {
        continue; // a field, not a file
      }
      if (!NAME.matcher(name).matches()
          || !(ModelCheck.isBpmn(name) || ModelCheck.isDmn(name) || ModelCheck.isForm(name))) {
        throw new InvalidInputException(
            "files",
            "“"
                + name
                + "” is not a model file: send .bpmn, .dmn or .form files named by letters, digits,"
                + " dots and dashes");
      }
      if (resources.containsKey(name)) {
        throw new InvalidInputException("files", "“" + name + "” was sent twice");
      }
      try {
        resources.put(name, file.getBytes());
      } catch (IOException unreadable) {
        throw new InvalidInputException("files", "“" + name + "” could not be read: send it again");
      }
    }
    if (resources.isEmpty()) {
      throw new InvalidInputException(
          "files", "send at least one .bpmn, .dmn or .form file to check or deploy");
    }
    return resources;
  }
}
