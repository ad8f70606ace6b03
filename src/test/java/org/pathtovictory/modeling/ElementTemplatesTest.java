package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathtovictory.identity.CampaignRole;
import org.pathtovictory.modeling.ElementTemplates.Template;

/**
 * The element templates organizers use in Camunda Modeler: valid for Camunda 7, offering exactly
 * the forms and roles that exist, and matching every custom step of the shipped models, so models
 * and templates cannot drift apart.
 */
class ElementTemplatesTest {

  private static final JsonSchema SCHEMA = schema();

  static List<Template> templates() {
    return ElementTemplates.all();
  }

  static Stream<Path> models() throws IOException {
    return ModelConventionsTest.models();
  }

  private static JsonSchema schema() {
    try (InputStream in =
        ElementTemplatesTest.class.getResourceAsStream("/element-templates-schema/schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("templates")
  void isValidAgainstCamundasElementTemplateSchema(Template template) {
    assertThat(SCHEMA.validate(template.json()).stream().map(ValidationMessage::getMessage))
        .as(template.toString())
        .isEmpty();
  }

  /** The schema check can fail: a dropdown without choices, or a task listener binding. */
  @Test
  void schemaRefusesATemplateCamundaModelerCannotUse() {
    ObjectNode broken = ElementTemplates.byId("org.pathtovictory.campaign-step").json().deepCopy();
    ((ObjectNode) broken.path("properties").get(0)).remove("choices");
    assertThat(SCHEMA.validate(broken)).isNotEmpty();

    ObjectNode listener =
        ElementTemplates.byId("org.pathtovictory.plan-sign-off").json().deepCopy();
    ((ObjectNode) listener.path("properties").get(0).path("binding"))
        .put("type", "camunda:taskListener");
    assertThat(SCHEMA.validate(listener)).isNotEmpty();
  }

  @Test
  void everyTemplateHasItsOwnIdAndAPlainDescription() {
    List<String> ids = templates().stream().map(Template::id).toList();
    assertThat(ids).doesNotHaveDuplicates();
    for (Template template : templates()) {
      assertThat(template.json().path("description").asText())
          .as(template.toString())
          .isNotBlank()
          .doesNotContain("${");
      assertThat(template.file().getFileName().toString())
          .isEqualTo(template.id().replace("org.pathtovictory.", "") + ".json");
    }
  }

  /**
   * A campaign step offers every form in {@code forms/} that is not a start form, and nothing else:
   * a new form shows up in Modeler only once it is a choice here.
   */
  @ParameterizedTest
  @MethodSource("campaignStepTemplates")
  void campaignStepOffersExactlyTheStepFormsInFormsFolder(String templateId) throws IOException {
    Set<String> stepForms = new TreeSet<>(formsInFolder());
    stepForms.removeAll(startForms());
    List<String> choices = ElementTemplates.byId(templateId).choicesOf("camunda:formRef");
    assertThat(choices).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(choices))
        .as("forms offered by " + templateId + " (forms/ without the start forms)")
        .isEqualTo(stepForms);
  }

  static Stream<String> campaignStepTemplates() {
    return Stream.of("org.pathtovictory.campaign-step", "org.pathtovictory.campaign-step-for-lead");
  }

  /** Every form a template names, as a choice or fixed, is a file in {@code forms/}. */
  @ParameterizedTest
  @MethodSource("templates")
  void namesOnlyFormsThatExist(Template template) throws IOException {
    Set<String> forms = formsInFolder();
    List<String> named = new ArrayList<>(template.choicesOf("camunda:formRef"));
    if (template.hiddenValueOf("camunda:formRef") != null) {
      named.add(template.hiddenValueOf("camunda:formRef"));
    }
    assertThat(named).as(template + " names forms in forms/").allMatch(forms::contains);
  }

  /** A campaign step offers exactly the contract's roles; every role a template names is one. */
  @Test
  void rolesAreTheContractsRoles() {
    Set<String> roles =
        Arrays.stream(CampaignRole.values())
            .map(CampaignRole::groupId)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(
            new TreeSet<>(
                ElementTemplates.byId("org.pathtovictory.campaign-step")
                    .choicesOf("camunda:candidateGroups")))
        .isEqualTo(roles);
    for (Template template : templates()) {
      List<String> named = new ArrayList<>(template.choicesOf("camunda:candidateGroups"));
      if (template.hiddenValueOf("camunda:candidateGroups") != null) {
        named.add(template.hiddenValueOf("camunda:candidateGroups"));
      }
      assertThat(named).as(template + " names roles of the contract").allMatch(roles::contains);
    }
  }

  /** No field asks an organizer to type: every field is a dropdown or fixed. */
  @ParameterizedTest
  @MethodSource("templates")
  void organizersChooseAndNeverType(Template template) {
    for (JsonNode property : template.properties()) {
      assertThat(property.path("type").asText())
          .as(template + " " + property.path("label").asText(property.toString()))
          .isIn("Dropdown", "Hidden");
      if (property.path("type").asText().equals("Dropdown")) {
        assertThat(property.path("label").asText()).isNotBlank().doesNotContain("${");
        ElementTemplates.stream(property.path("choices"))
            .forEach(choice -> assertThat(choice.path("name").asText()).doesNotContain("${"));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyCustomStepCarriesItsTemplateUnchanged(Path file) {
    assertThat(drift(Bpmn.readModelFromFile(file.toFile()))).as(file.toString()).isEmpty();
  }

  /** The drift check can fail: a step edited by hand, or a custom step without a template. */
  @Test
  void driftIsFound() {
    BpmnModelInstance model =
        Bpmn.readModelFromFile(Path.of("processes/post-endorsement.bpmn").toFile());
    UserTask signOff = model.getModelElementById("Task_SignOffPlan");
    CamundaTaskListener listener = model.newInstance(CamundaTaskListener.class);
    listener.setCamundaEvent("complete");
    listener.setCamundaDelegateExpression("${somethingElse}");
    signOff.getExtensionElements().addChildElement(listener);
    UserTask check = model.getModelElementById("Task_SendCampaignCheck");
    check.setCamundaDueDate("${dueDate.inDays(execution, 13)}");
    UserTask debrief = model.getModelElementById("Task_HoldDebrief");
    debrief.removeAttributeNs(ElementTemplates.CAMUNDA_NS, "modelerTemplate");
    StartEvent start = model.getModelElementById("StartEvent_EndorsementRecorded");
    start.setCamundaFormRefBinding("deployment");

    assertThat(drift(model))
        .anyMatch(p -> p.startsWith("Task_SignOffPlan") && p.contains("somethingElse"))
        .anyMatch(
            p ->
                p.startsWith("Task_SendCampaignCheck")
                    && p.contains("is not one of the template's choices"))
        .anyMatch(p -> p.startsWith("Task_HoldDebrief") && p.contains("no element template"))
        .anyMatch(p -> p.startsWith("StartEvent_EndorsementRecorded") && p.contains("deployment"))
        .hasSize(4);
  }

  /**
   * The problems of a model: a custom step (anything with Camunda configuration) without a
   * template, with a template that does not exist or has another version, with a choice the
   * template does not offer, or with configuration the template does not produce.
   */
  static List<String> drift(BpmnModelInstance model) {
    Map<String, Template> templates = new HashMap<>();
    templates().forEach(t -> templates.put(t.id(), t));
    List<String> bpmnAttributes =
        templates().stream()
            .flatMap(t -> t.properties().stream())
            .filter(p -> p.path("binding").path("type").asText().equals("property"))
            .map(p -> p.path("binding").path("name").asText())
            .filter(name -> !name.contains(":"))
            .distinct()
            .toList();
    List<String> problems = new ArrayList<>();
    Map<String, org.w3c.dom.Element> dom = ElementTemplates.elementsById(model);
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String id = node.getId();
      String templateId = node.getAttributeValueNs(ElementTemplates.CAMUNDA_NS, "modelerTemplate");
      List<String> configuration = ElementTemplates.configuration(dom.get(id), bpmnAttributes);
      if (templateId == null) {
        if (!configuration.isEmpty()) {
          problems.add(id + ": custom step with no element template " + configuration);
        }
        continue;
      }
      Template template = templates.get(templateId);
      if (template == null) {
        problems.add(id + ": element template " + templateId + " does not exist");
        continue;
      }
      String version =
          node.getAttributeValueNs(ElementTemplates.CAMUNDA_NS, "modelerTemplateVersion");
      if (!String.valueOf(template.version()).equals(version)) {
        problems.add(
            id + ": template version " + version + ", the template is " + template.version());
      }
      String type =
          "bpmn:"
              + Character.toUpperCase(node.getElementType().getTypeName().charAt(0))
              + node.getElementType().getTypeName().substring(1);
      if (!type.equals(template.elementType())) {
        problems.add(id + ": a " + type + ", the template makes a " + template.elementType());
      }
      Map<Integer, String> chosen = new HashMap<>();
      List<JsonNode> properties = template.properties();
      for (int i = 0; i < properties.size(); i++) {
        JsonNode property = properties.get(i);
        if (isHidden(property)) {
          continue;
        }
        String value = read(node, property.path("binding"));
        List<String> choices =
            ElementTemplates.stream(property.path("choices"))
                .map(c -> c.path("value").asText())
                .toList();
        if (value == null || !choices.contains(value)) {
          problems.add(
              id
                  + ": "
                  + property.path("label").asText()
                  + " "
                  + value
                  + " is not one of the template's choices");
        } else {
          chosen.put(i, value);
        }
      }
      if (chosen.size() < properties.stream().filter(p -> !isHidden(p)).count()) {
        continue;
      }
      BaseElement fresh = freshElementLike(node);
      ElementTemplates.apply(template, fresh, chosen);
      List<String> expected = ElementTemplates.configuration(fresh, bpmnAttributes);
      if (!expected.equals(configuration)) {
        List<String> extra = new ArrayList<>(configuration);
        extra.removeAll(expected);
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(configuration);
        problems.add(
            id
                + ": differs from template "
                + templateId
                + ": not from the template "
                + extra
                + ", missing "
                + missing);
      }
    }
    return problems;
  }

  private static boolean isHidden(JsonNode property) {
    return property.path("type").asText().equals("Hidden");
  }

  private static String read(BaseElement element, JsonNode binding) {
    String name = binding.path("name").asText();
    if (!binding.path("type").asText().equals("property")) {
      throw new IllegalArgumentException("only property bindings are editable here: " + binding);
    }
    return name.startsWith("camunda:")
        ? element.getAttributeValueNs(ElementTemplates.CAMUNDA_NS, name.substring(8))
        : element.getAttributeValue(name);
  }

  private static BaseElement freshElementLike(BaseElement element) {
    BpmnModelInstance model = Bpmn.createEmptyModel();
    Definitions definitions = model.newInstance(Definitions.class);
    definitions.setTargetNamespace("http://pathtovictory.org/bpmn");
    model.setDefinitions(definitions);
    Process process = model.newInstance(Process.class);
    definitions.addChildElement(process);
    BaseElement fresh = (BaseElement) model.newInstance(element.getElementType());
    fresh.setId(element.getId());
    process.addChildElement(fresh);
    return fresh;
  }

  private static Set<String> formsInFolder() throws IOException {
    try (Stream<Path> forms = ModelConventionsTest.forms()) {
      return forms
          .map(f -> f.getFileName().toString().replace(".form", ""))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** Forms that start a process (the intake, a spending question), not steps. */
  private static Set<String> startForms() throws IOException {
    try (Stream<Path> models = models()) {
      return models
          .flatMap(
              m ->
                  Bpmn.readModelFromFile(m.toFile())
                      .getModelElementsByType(StartEvent.class)
                      .stream())
          .map(StartEvent::getCamundaFormRef)
          .filter(java.util.Objects::nonNull)
          .collect(Collectors.toSet());
    }
  }
}
