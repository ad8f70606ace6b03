package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathtovictory.ProcessTestSupport;
import org.pathtovictory.modeling.ElementTemplates.Template;
import org.pathtovictory.web.InvalidInputException;

/**
 * What an organizer gets from each element template: a fresh element in a small process, with the
 * template applied as Camunda Modeler applies it and each dropdown choice in turn, deploys; and
 * where it can run on its own, it does what the template says.
 */
class ElementTemplatesDeployTest extends ProcessTestSupport {

  static final String STEP = "Step_Templated";

  /** Election day of the runs: close enough that "never after election day" matters. */
  static final LocalDate ELECTION = TODAY.plusDays(19);

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void removeDeployments() {
    deployments.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true));
  }

  static List<Template> templates() {
    return ElementTemplates.all();
  }

  /** Every choice of every dropdown, one at a time, the other fields at their defaults. */
  static List<Map<Integer, String>> variants(Template template) {
    List<Map<Integer, String>> variants = new ArrayList<>();
    variants.add(Map.of());
    List<JsonNode> properties = template.properties();
    for (int i = 0; i < properties.size(); i++) {
      int index = i;
      ElementTemplates.stream(properties.get(i).path("choices"))
          .forEach(choice -> variants.add(Map.of(index, choice.path("value").asText())));
    }
    return variants;
  }

  @ParameterizedTest
  @MethodSource("templates")
  void deploysWithEveryChoice(Template template) {
    List<Map<Integer, String>> variants = variants(template);
    DeploymentBuilder deployment =
        processEngine.getRepositoryService().createDeployment().name("template " + template.id());
    for (int i = 0; i < variants.size(); i++) {
      deployment.addModelInstance(
          "variant-" + i + ".bpmn", process(template, key(template, i), variants.get(i)));
    }
    Deployment deployed = deploy(deployment);
    assertThat(
            processEngine
                .getRepositoryService()
                .createProcessDefinitionQuery()
                .deploymentId(deployed.getId())
                .count())
        .as(template.toString())
        .isEqualTo(variants.size());
  }

  @Test
  void campaignStepGoesToTheChosenRoleWithTheChosenFormAndDueDate() {
    Template template = ElementTemplates.byId("org.pathtovictory.campaign-step");
    List<Map<Integer, String>> variants = variants(template);
    deployVariants(template, variants);
    int checked = 0;
    for (int i = 1; i < variants.size(); i++) {
      Map<Integer, String> variant = variants.get(i);
      Task task = startAndGetTask(key(template, i), Map.of());
      String binding =
          template
              .properties()
              .get(variant.keySet().iterator().next())
              .path("binding")
              .path("name")
              .asText();
      String value = variant.values().iterator().next();
      switch (binding) {
        case "camunda:candidateGroups" ->
            assertThat(candidateGroupsOf(task)).containsExactly(value);
        case "camunda:formRef" -> assertThat(formKeyOf(task)).isEqualTo(value);
        case "camunda:dueDate" ->
            assertThat(task.getDueDate()).as(value).isEqualTo(expectedDue(value));
        default -> throw new AssertionError("unexpected dropdown " + binding);
      }
      assertThat(task.getAssignee()).isNull();
      checked++;
    }
    assertThat(checked).isEqualTo(variants.size() - 1);
  }

  @Test
  void campaignStepForALeadGoesToTheNamedLeadElseToTheRole() {
    Template template = ElementTemplates.byId("org.pathtovictory.campaign-step-for-lead");
    int lead = indexOf(template, "camunda:assignee");
    int role = indexOf(template, "camunda:candidateGroups");
    List<String> leads = template.choicesOf("camunda:assignee");
    List<String> roles = template.choicesOf("camunda:candidateGroups");
    List<Map<Integer, String>> variants = new ArrayList<>();
    for (int i = 0; i < leads.size(); i++) {
      variants.add(Map.of(lead, leads.get(i), role, roles.get(i)));
    }
    deployVariants(template, variants);
    String[] volunteers = {"ithaca-canvass", "ithaca-press", "ithaca-recruit", "ithaca-phones"};
    for (int i = 0; i < leads.size(); i++) {
      String leadVariable = variable(leads.get(i));
      Task named = startAndGetTask(key(template, i), Map.of(leadVariable, volunteers[i]));
      assertThat(named.getAssignee()).as(leadVariable).isEqualTo(volunteers[i]);
      assertThat(candidateGroupsOf(named)).containsExactly(roles.get(i));

      Task unnamed = startAndGetTask(key(template, i), Map.of());
      assertThat(unnamed.getAssignee()).as(leadVariable + " not named yet").isNull();
      assertThat(candidateGroupsOf(unnamed)).containsExactly(roles.get(i));
    }
  }

  @Test
  void planSignOffStepAsksWhatToChange() {
    Template template = ElementTemplates.byId("org.pathtovictory.plan-sign-off");
    deployVariants(template, List.of(Map.of()));
    Task task = startAndGetTask(key(template, 0), Map.of());
    assertThat(candidateGroupsOf(task)).containsExactly("indivisible-organizers");

    assertThatThrownBy(
            () ->
                processEngine
                    .getTaskService()
                    .complete(task.getId(), Map.of("planDecision", "CHANGES_NEEDED")))
        .isInstanceOf(ProcessEngineException.class)
        .hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("planFeedback");
    processEngine
        .getTaskService()
        .complete(
            task.getId(),
            Map.of("planDecision", "CHANGES_NEEDED", "planFeedback", "Add a phone bank"));
  }

  @Test
  void nameTheLeadsStepListsWhoCanLead() {
    Template template = ElementTemplates.byId("org.pathtovictory.name-the-leads");
    deployVariants(template, List.of(Map.of()));
    Task task = startAndGetTask(key(template, 0), Map.of());
    assertThat(
            (String) processEngine.getTaskService().getVariableLocal(task.getId(), "leadChoices"))
        .contains("ithaca-canvass");
  }

  @Test
  void voterContactReportStepKeepsTheWeeksNumbers() {
    Template template = ElementTemplates.byId("org.pathtovictory.voter-contact-report");
    deployVariants(template, List.of(Map.of()));
    Task task = startAndGetTask(key(template, 0), Map.of());
    Map<String, Object> week = new HashMap<>();
    for (String field :
        List.of(
            "weekDoorsKnocked",
            "weekConversations",
            "weekCalls",
            "weekTexts",
            "weekLettersPublished",
            "weekActiveVolunteers")) {
      week.put(field, 10L);
    }
    processEngine.getTaskService().complete(task.getId(), week);
    String totals =
        processEngine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(task.getProcessInstanceId())
            .variableName("voterContactTotals")
            .singleResult()
            .getValue()
            .toString();
    assertThat(totals).contains("\"doorsKnocked\":10");
  }

  @Test
  void planningTrackDecisionDecidesFromTheDaysLeft() {
    Template template = ElementTemplates.byId("org.pathtovictory.planning-track-decision");
    deployVariants(template, List.of(Map.of()));
    assertThat(trackFor(template, 120)).isEqualTo("FULL");
    assertThat(trackFor(template, 45)).isEqualTo("ACCELERATED");
    assertThat(trackFor(template, 10)).isEqualTo("GOTV_ONLY");
  }

  @Test
  void aKindOfStepThatDoesNotExistIsRefused() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("template-unknown-step")
            .camundaHistoryTimeToLive(180)
            .startEvent("StartEvent_Begin")
            .userTask(STEP)
            .endEvent("EndEvent_Done")
            .done();
    CamundaProperty kind = model.newInstance(CamundaProperty.class);
    kind.setCamundaName(CampaignStep.PROPERTY);
    kind.setCamundaValue("no-such-step");
    CamundaProperties properties = model.newInstance(CamundaProperties.class);
    properties.getCamundaProperties().add(kind);
    ExtensionElements extensions = model.newInstance(ExtensionElements.class);
    extensions.addChildElement(properties);
    ((BaseElement) model.getModelElementById(STEP)).setExtensionElements(extensions);
    long before = processEngine.getRepositoryService().createDeploymentQuery().count();
    assertThatThrownBy(
            () ->
                processEngine
                    .getRepositoryService()
                    .createDeployment()
                    .addModelInstance("unknown-step.bpmn", model)
                    .deploy())
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining(STEP)
        .hasMessageContaining("no-such-step");
    assertThat(processEngine.getRepositoryService().createDeploymentQuery().count())
        .isEqualTo(before);
  }

  /** "A step each partner group does" runs the partner group's part in the partner's own group. */
  @Test
  void stepEachPartnerGroupDoesRunsInThePartnersOwnGroup() {
    Template template = ElementTemplates.byId("org.pathtovictory.joint-partner-steps");
    deployVariants(template, List.of(Map.of()));
    Map<String, Object> variables = new HashMap<>();
    variables.put("leadGroup", ITHACA);
    variables.put("partnerGroup", ANN_ARBOR);
    variables.put("candidateName", "Josh Riley");
    variables.put("nextElectionDate", ELECTION.toString());
    ProcessInstance lead =
        processEngine
            .getRuntimeService()
            .startProcessInstanceByKey(key(template, 0), "NY-24/ny24-ithaca/step", variables);
    ProcessInstance partner =
        processEngine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .superProcessInstanceId(lead.getId())
            .singleResult();
    assertThat(lead.getTenantId()).isEqualTo(ITHACA);
    assertThat(partner.getTenantId()).isEqualTo(ANN_ARBOR);
    assertThat(partner.getBusinessKey()).isEqualTo("NY-24/ny24-ithaca/step/" + ANN_ARBOR);
    Task confirm =
        processEngine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(partner.getId())
            .singleResult();
    assertThat(confirm.getTaskDefinitionKey()).isEqualTo("Task_ConfirmTakingPart");
    assertThat(confirm.getTenantId()).isEqualTo(ANN_ARBOR);
  }

  private String trackFor(Template template, long daysToElection) {
    ProcessInstance instance =
        processEngine
            .getRuntimeService()
            .startProcessInstanceByKey(
                key(template, 0), Map.of("daysToElection", daysToElection, "leadGroup", ITHACA));
    return (String)
        processEngine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(instance.getId())
            .variableName("planningTrack")
            .singleResult()
            .getValue();
  }

  private Task startAndGetTask(String key, Map<String, Object> variables) {
    Map<String, Object> all = new HashMap<>(variables);
    all.put("nextElectionDate", ELECTION.toString());
    all.put("leadGroup", ITHACA);
    ProcessInstance instance =
        processEngine.getRuntimeService().startProcessInstanceByKey(key, all);
    return processEngine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .singleResult();
  }

  private String formKeyOf(Task task) {
    return processEngine
        .getTaskService()
        .createTaskQuery()
        .taskId(task.getId())
        .initializeFormKeys()
        .singleResult()
        .getCamundaFormRef()
        .getKey();
  }

  /**
   * The due date a choice promises: 5 pm campaign time, never after election day for work before
   * it.
   */
  private static Date expectedDue(String choice) {
    Matcher m =
        Pattern.compile(
                "\\$\\{dueDate\\.(inDays|beforeElection|afterElection)\\(execution, (\\d+)\\)}")
            .matcher(choice);
    assertThat(m.matches()).as(choice).isTrue();
    int days = Integer.parseInt(m.group(2));
    LocalDate day =
        switch (m.group(1)) {
          case "inDays" -> TODAY.plusDays(days).isAfter(ELECTION) ? ELECTION : TODAY.plusDays(days);
          case "beforeElection" ->
              ELECTION.minusDays(days).isBefore(TODAY) ? TODAY : ELECTION.minusDays(days);
          default -> ELECTION.plusDays(days);
        };
    return dayAt(day, 17);
  }

  private static String variable(String leadChoice) {
    Matcher m = Pattern.compile(".*'(\\w+)'.*").matcher(leadChoice);
    assertThat(m.matches()).isTrue();
    return m.group(1);
  }

  private static int indexOf(Template template, String binding) {
    List<JsonNode> properties = template.properties();
    for (int i = 0; i < properties.size(); i++) {
      if (properties.get(i).path("binding").path("name").asText().equals(binding)) {
        return i;
      }
    }
    throw new AssertionError(template + " binds no " + binding);
  }

  private void deployVariants(Template template, List<Map<Integer, String>> variants) {
    DeploymentBuilder deployment = processEngine.getRepositoryService().createDeployment();
    for (int i = 0; i < variants.size(); i++) {
      deployment.addModelInstance(
          "variant-" + i + ".bpmn", process(template, key(template, i), variants.get(i)));
    }
    deploy(deployment);
  }

  private Deployment deploy(DeploymentBuilder builder) {
    Deployment deployment = builder.deploy();
    deployments.add(deployment.getId());
    return deployment;
  }

  private static String key(Template template, int variant) {
    return "template-" + template.id().replace("org.pathtovictory.", "") + "-" + variant;
  }

  /** A small process: begin, the templated step, done (or the templated start event, done). */
  static BpmnModelInstance process(Template template, String key, Map<Integer, String> chosen) {
    ProcessBuilder process =
        Bpmn.createExecutableProcess(key)
            .name("Template " + template.name())
            .camundaHistoryTimeToLive(180);
    String type = template.elementType();
    BpmnModelInstance model;
    if (type.equals("bpmn:StartEvent")) {
      model =
          process
              .startEvent(STEP)
              .name("Templated start")
              .endEvent("EndEvent_Done")
              .name("Done")
              .done();
    } else {
      AbstractFlowNodeBuilder<?, ?> begin = process.startEvent("StartEvent_Begin").name("Begin");
      AbstractFlowNodeBuilder<?, ?> step =
          switch (type) {
            case "bpmn:UserTask" -> begin.userTask(STEP);
            case "bpmn:CallActivity" -> begin.callActivity(STEP);
            case "bpmn:BusinessRuleTask" -> begin.businessRuleTask(STEP);
            case "bpmn:ServiceTask" -> begin.serviceTask(STEP);
            case "bpmn:IntermediateThrowEvent" -> begin.intermediateThrowEvent(STEP);
            default -> throw new AssertionError("no process for a " + type);
          };
      model = step.name("Templated step").endEvent("EndEvent_Done").name("Done").done();
    }
    BaseElement element = model.getModelElementById(STEP);
    ElementTemplates.apply(template, element, chosen);
    return model;
  }
}
