package org.pathtovictory.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.pathtovictory.identity.CampaignRole;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * What an organizer picks from in the editor: the element templates (the files of {@code
 * processes/.camunda/element-templates/} that Camunda Modeler uses, shipped on the classpath under
 * {@code element-templates/}), the roles and the deployed forms.
 */
@Component
class PlanChoices {

  record Choice(String id, String name) {}

  record FormChoice(String key, String name) {}

  record Choices(List<Choice> roles, List<FormChoice> forms) {}

  static final String TEMPLATES = "classpath*:element-templates/*.json";

  private final List<JsonNode> templates;
  private final PlanModels models;

  PlanChoices(PlanModels models, ObjectMapper json) {
    this.models = models;
    this.templates = List.copyOf(read(json));
  }

  /** Every template of every file, a file holding a list flattened. */
  List<JsonNode> templates() {
    return templates;
  }

  Choices choices() {
    List<Choice> roles =
        Arrays.stream(CampaignRole.values())
            .map(role -> new Choice(role.groupId(), role.displayName()))
            .toList();
    List<FormChoice> forms =
        models.forms().stream()
            .map(form -> new FormChoice(form.key(), models.formName(form)))
            .sorted(Comparator.comparing(FormChoice::name, String.CASE_INSENSITIVE_ORDER))
            .toList();
    return new Choices(roles, forms);
  }

  private static List<JsonNode> read(ObjectMapper json) {
    Resource[] files;
    try {
      files = new PathMatchingResourcePatternResolver().getResources(TEMPLATES);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the element templates", e);
    }
    List<JsonNode> all = new ArrayList<>();
    Arrays.stream(files)
        .sorted(Comparator.comparing(Resource::getFilename))
        .forEach(
            file -> {
              try (InputStream in = file.getInputStream()) {
                JsonNode node = json.readTree(in);
                if (node.isArray()) {
                  node.forEach(all::add);
                } else {
                  all.add(node);
                }
              } catch (IOException e) {
                throw new UncheckedIOException("Cannot read element template " + file, e);
              }
            });
    return all;
  }
}
