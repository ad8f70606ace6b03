package org.pathtovictory.modeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The Camunda Modeler element templates in {@code processes/.camunda/element-templates/}, read and
 * applied to a model element the way Camunda Modeler applies them (one binding at a time), so tests
 * can deploy what a template produces and compare it with the shipped models.
 */
final class ElementTemplates {

  static final Path FOLDER = Path.of("processes", ".camunda", "element-templates");
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  private ElementTemplates() {}

  /** One template file. */
  record Template(Path file, JsonNode json) {

    String id() {
      return json.path("id").asText();
    }

    String name() {
      return json.path("name").asText();
    }

    int version() {
      return json.path("version").asInt();
    }

    /** The BPMN type the template makes of an element: its elementType, else what it applies to. */
    String elementType() {
      return json.path("elementType").path("value").asText(json.path("appliesTo").get(0).asText());
    }

    List<JsonNode> properties() {
      List<JsonNode> list = new ArrayList<>();
      json.path("properties").forEach(list::add);
      return list;
    }

    /** The choices of the dropdown bound to the attribute {@code name}, or an empty list. */
    List<String> choicesOf(String name) {
      return properties().stream()
          .filter(p -> p.path("binding").path("name").asText().equals(name))
          .filter(p -> p.path("type").asText().equals("Dropdown"))
          .flatMap(p -> stream(p.path("choices")))
          .map(choice -> choice.path("value").asText())
          .toList();
    }

    /** The value of the hidden property bound to the attribute {@code name}, or null. */
    String hiddenValueOf(String name) {
      return properties().stream()
          .filter(p -> p.path("binding").path("name").asText().equals(name))
          .filter(p -> p.path("type").asText().equals("Hidden"))
          .map(p -> p.path("value").asText())
          .findFirst()
          .orElse(null);
    }

    @Override
    public String toString() {
      return file.getFileName().toString();
    }
  }

  static List<Template> all() {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files
          .filter(f -> f.toString().endsWith(".json"))
          .sorted()
          .map(
              f -> {
                try {
                  return new Template(f, json.readTree(f.toFile()));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Template byId(String id) {
    return all().stream()
        .filter(t -> t.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no element template " + id));
  }

  static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list.stream();
  }

  /**
   * Applies every binding of {@code template} to {@code element}: the value of property {@code i}
   * is {@code chosen.get(i)} if given, else the property's default value.
   */
  static void apply(Template template, BaseElement element, Map<Integer, String> chosen) {
    List<JsonNode> properties = template.properties();
    for (int i = 0; i < properties.size(); i++) {
      JsonNode property = properties.get(i);
      String value = chosen.getOrDefault(i, property.path("value").asText(""));
      bind(element, property.path("binding"), value);
    }
    element.setAttributeValueNs(CAMUNDA_NS, "modelerTemplate", template.id());
    element.setAttributeValueNs(
        CAMUNDA_NS, "modelerTemplateVersion", String.valueOf(template.version()));
  }

  private static void bind(BaseElement element, JsonNode binding, String value) {
    BpmnModelInstance model = (BpmnModelInstance) element.getModelInstance();
    String name = binding.path("name").asText();
    switch (binding.path("type").asText()) {
      case "property" -> {
        if (name.startsWith("camunda:")) {
          element.setAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()), value);
        } else {
          element.setAttributeValue(name, value);
        }
      }
      case "camunda:property" -> {
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(name);
        property.setCamundaValue(value);
        extension(element, CamundaProperties.class).getCamundaProperties().add(property);
      }
      case "camunda:inputParameter" -> {
        CamundaInputParameter input = model.newInstance(CamundaInputParameter.class);
        input.setCamundaName(name);
        if (!value.isEmpty()) {
          input.setTextContent(value);
        }
        extension(element, CamundaInputOutput.class).getCamundaInputParameters().add(input);
      }
      case "camunda:outputParameter" -> {
        CamundaOutputParameter output = model.newInstance(CamundaOutputParameter.class);
        output.setCamundaName(value);
        String source = binding.path("source").asText();
        if (!source.isEmpty()) {
          output.setTextContent(source);
        }
        extension(element, CamundaInputOutput.class).getCamundaOutputParameters().add(output);
      }
      case "camunda:in" -> {
        CamundaIn in = extensions(element).addExtensionElement(CamundaIn.class);
        if (binding.has("variables")) {
          in.setCamundaVariables(binding.path("variables").asText());
        }
        if (binding.has("target")) {
          in.setCamundaTarget(binding.path("target").asText());
          if (binding.path("expression").asBoolean()) {
            in.setCamundaSourceExpression(value);
          } else {
            in.setCamundaSource(value);
          }
        }
      }
      case "camunda:in:businessKey" ->
          extensions(element).addExtensionElement(CamundaIn.class).setCamundaBusinessKey(value);
      case "camunda:out" -> {
        CamundaOut out = extensions(element).addExtensionElement(CamundaOut.class);
        if (binding.has("variables")) {
          out.setCamundaVariables(binding.path("variables").asText());
        }
        if (binding.has("source")) {
          out.setCamundaSource(binding.path("source").asText());
          out.setCamundaTarget(value);
        } else if (binding.has("sourceExpression")) {
          out.setCamundaSourceExpression(binding.path("sourceExpression").asText());
          out.setCamundaTarget(value);
        }
      }
      case "camunda:executionListener" -> {
        CamundaExecutionListener listener =
            extensions(element).addExtensionElement(CamundaExecutionListener.class);
        listener.setCamundaEvent(binding.path("event").asText());
        switch (binding.path("implementationType").asText("class")) {
          case "class" -> listener.setCamundaClass(value);
          case "expression" -> listener.setCamundaExpression(value);
          case "delegateExpression" -> listener.setCamundaDelegateExpression(value);
          default ->
              throw new IllegalArgumentException(
                  "script listeners are not used by our templates: " + binding);
        }
      }
      case "camunda:field" -> {
        CamundaField field = extensions(element).addExtensionElement(CamundaField.class);
        field.setCamundaName(name);
        if (binding.path("expression").asBoolean()) {
          field.setCamundaExpression(value);
        } else {
          field.setCamundaStringValue(value);
        }
      }
      default -> throw new IllegalArgumentException("binding not supported here: " + binding);
    }
  }

  private static ExtensionElements extensions(BaseElement element) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      extensions = element.getModelInstance().newInstance(ExtensionElements.class);
      element.setExtensionElements(extensions);
    }
    return extensions;
  }

  private static <T extends ModelElementInstance> T extension(BaseElement element, Class<T> type) {
    ExtensionElements extensions = extensions(element);
    return extensions.getElementsQuery().filterByType(type).list().stream()
        .findFirst()
        .orElseGet(() -> extensions.addExtensionElement(type));
  }

  /**
   * What Camunda reads of an element, as sorted lines: its {@code camunda:} attributes (but the
   * template reference) and the BPMN attributes a template may bind, and every {@code camunda:}
   * extension element (the entries of {@code camunda:properties} and {@code camunda:inputOutput}
   * one by one, as the engine reads them).
   */
  static List<String> configuration(BaseElement element, List<String> boundBpmnAttributes) {
    return configuration(
        elementsById((BpmnModelInstance) element.getModelInstance()).get(element.getId()),
        boundBpmnAttributes);
  }

  /** Like {@link #configuration(BaseElement, List)}, of an element of {@link #elementsById}. */
  static List<String> configuration(Element dom, List<String> boundBpmnAttributes) {
    TreeSet<String> lines = new TreeSet<>();
    NamedNodeMap attributes = dom.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String local = attribute.getLocalName();
      if (CAMUNDA_NS.equals(attribute.getNamespaceURI())
          && !local.equals("modelerTemplate")
          && !local.equals("modelerTemplateVersion")) {
        lines.add("camunda:" + local + "=" + attribute.getValue());
      } else if (attribute.getNamespaceURI() == null && boundBpmnAttributes.contains(local)) {
        lines.add(local + "=" + attribute.getValue());
      }
    }
    for (Node child = dom.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element extensions && "extensionElements".equals(child.getLocalName())) {
        for (Node entry = extensions.getFirstChild();
            entry != null;
            entry = entry.getNextSibling()) {
          if (entry instanceof Element e) {
            boolean container =
                CAMUNDA_NS.equals(e.getNamespaceURI())
                    && (e.getLocalName().equals("properties")
                        || e.getLocalName().equals("inputOutput"));
            if (container) {
              for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element item) {
                  lines.add(e.getLocalName() + "/" + describe(item));
                }
              }
            } else {
              lines.add(describe(e));
            }
          }
        }
      }
    }
    return List.copyOf(lines);
  }

  /** The elements of a model with an id, as plain DOM (the model API does not list attributes). */
  static Map<String, Element> elementsById(BpmnModelInstance model) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document document =
          factory
              .newDocumentBuilder()
              .parse(new InputSource(new StringReader(Bpmn.convertToString(model))));
      Map<String, Element> byId = new java.util.HashMap<>();
      NodeList all = document.getElementsByTagNameNS("*", "*");
      for (int i = 0; i < all.getLength(); i++) {
        Element element = (Element) all.item(i);
        if (element.hasAttribute("id")) {
          byId.put(element.getAttribute("id"), element);
        }
      }
      return byId;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(Element element) {
    StringBuilder text = new StringBuilder(element.getLocalName()).append('[');
    TreeSet<String> attributes = new TreeSet<>();
    NamedNodeMap map = element.getAttributes();
    for (int i = 0; i < map.getLength(); i++) {
      attributes.add(map.item(i).getLocalName() + "=" + map.item(i).getNodeValue());
    }
    text.append(String.join(" ", attributes)).append(']');
    StringBuilder children = new StringBuilder();
    StringBuilder content = new StringBuilder();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        children.append(describe(child));
      } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        content.append(n.getNodeValue());
      }
    }
    if (!content.toString().isBlank()) {
      text.append(" = ").append(content.toString().trim());
    }
    if (!children.isEmpty()) {
      text.append(" {").append(children).append('}');
    }
    return text.toString();
  }
}
