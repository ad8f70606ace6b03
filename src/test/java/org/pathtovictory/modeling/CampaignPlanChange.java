package org.pathtovictory.modeling;

import java.io.InputStream;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A change an organizer might make to the campaign plan, built from the deployed version the way
 * Modeler would save it: a voter-contact task added ({@code Task_TrainCanvassers}, after the field
 * work, with its own form), a momentum task removed ({@code Task_ShowOffSwag}) and a planning task
 * renamed ({@code Task_PlanCampaign} becomes {@code Task_DraftCampaignPlan}, so running campaigns
 * need a mapping). Valid by the model conventions: form, role, due date, readable ids, a label.
 */
public final class CampaignPlanChange {

  public static final String PROCESS = "post-endorsement";
  public static final String ADDED = "Task_TrainCanvassers";
  public static final String REMOVED = "Task_ShowOffSwag";
  public static final String RENAMED_FROM = "Task_PlanCampaign";
  public static final String RENAMED_TO = "Task_DraftCampaignPlan";

  private CampaignPlanChange() {}

  /**
   * Deploys the change of the shipped model (version 1) as the newest version and returns the new
   * definition.
   */
  public static ProcessDefinition deploy(ProcessEngine engine) {
    var repository = engine.getRepositoryService();
    ProcessDefinition newest =
        repository
            .createProcessDefinitionQuery()
            .processDefinitionKey(PROCESS)
            .processDefinitionVersion(1)
            .singleResult();
    String saved;
    try (InputStream in =
        repository.getResourceAsStream(newest.getDeploymentId(), newest.getResourceName())) {
      saved = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    BpmnModelInstance changed = change(saved);
    InputStream form =
        CampaignPlanChange.class.getResourceAsStream("/modeling/train-canvassers.form");
    var deployment =
        repository
            .createDeployment()
            .name("campaign-plan-change")
            .addModelInstance("post-endorsement.bpmn", changed)
            .addInputStream("train-canvassers.form", form)
            .deploy();
    return repository
        .createProcessDefinitionQuery()
        .deploymentId(deployment.getId())
        .processDefinitionKey(PROCESS)
        .singleResult();
  }

  /**
   * The change as text edits of the saved XML, the way a diff of the file would show it (ids and
   * references stay consistent, the diagram loses the removed shapes).
   */
  static BpmnModelInstance change(String saved) {
    String xml = saved;
    // a voter-contact task after the field work
    xml =
        replaceOnce(
            xml,
            "(<bpmn:sequenceFlow id=\"Flow_FieldWorkDone\" sourceRef=\"Gateway_FieldWorkJoin\")"
                + " targetRef=\"EndEvent_FieldWorkUnderWay\"\\s*/>",
            "$1"
                + java.util.regex.Matcher.quoteReplacement(" targetRef=\"")
                + ADDED
                + "\" />"
                + "<bpmn:userTask id=\""
                + ADDED
                + "\" name=\"Train the canvassers\""
                + " camunda:formRef=\"train-canvassers\" camunda:formRefBinding=\"latest\""
                + " camunda:candidateGroups=\"canvass-leads\""
                + java.util.regex.Matcher.quoteReplacement(
                    " camunda:dueDate=\"${dueDate.inDays(execution, 7)}\""
                        + " camunda:assignee=\"${campaignLeads.assignee(execution, 'canvassLead')}\">")
                + "<bpmn:incoming>Flow_FieldWorkDone</bpmn:incoming>"
                + "<bpmn:outgoing>Flow_CanvassersTrained</bpmn:outgoing></bpmn:userTask>"
                + "<bpmn:sequenceFlow id=\"Flow_CanvassersTrained\" sourceRef=\""
                + ADDED
                + "\""
                + " targetRef=\"EndEvent_FieldWorkUnderWay\" />");
    xml =
        replaceOnce(
            xml,
            "(<bpmn:endEvent id=\"EndEvent_FieldWorkUnderWay\"[^>]*>\\s*)"
                + "<bpmn:incoming>Flow_FieldWorkDone</bpmn:incoming>",
            "$1<bpmn:incoming>Flow_CanvassersTrained</bpmn:incoming>");
    // a momentum task removed, with its flows and its shapes
    xml = replaceOnce(xml, "<bpmn:userTask id=\"" + REMOVED + "\".*?</bpmn:userTask>", "");
    for (String flow : List.of("Flow_MomentumFork_ShowOffSwag", "Flow_MomentumJoin_ShowOffSwag")) {
      xml = replaceOnce(xml, "<bpmn:sequenceFlow id=\"" + flow + "\"[^>]*/>", "");
      xml = xml.replaceAll("<bpmn:(incoming|outgoing)>" + flow + "</bpmn:(incoming|outgoing)>", "");
      xml =
          xml.replaceAll(
              "<bpmndi:BPMNEdge [^>]*bpmnElement=\"" + flow + "\".*?</bpmndi:BPMNEdge>", "");
    }
    xml = xml.replaceAll("<bpmn:flowNodeRef>" + REMOVED + "</bpmn:flowNodeRef>", "");
    xml =
        xml.replaceAll(
            "<bpmndi:BPMNShape [^>]*bpmnElement=\"" + REMOVED + "\".*?</bpmndi:BPMNShape>", "");
    // a planning task renamed
    xml = xml.replaceAll("\\b" + RENAMED_FROM + "\\b", RENAMED_TO);
    xml = replaceOnce(xml, "name=\"Plan the campaign\"", "name=\"Draft the campaign plan\"");
    BpmnModelInstance changed =
        Bpmn.readModelFromStream(
            new java.io.ByteArrayInputStream(
                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Bpmn.validateModel(changed);
    return changed;
  }

  private static String replaceOnce(String xml, String regex, String replacement) {
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.DOTALL).matcher(xml);
    if (!matcher.find()) {
      throw new IllegalStateException("the model has changed: nothing matches " + regex);
    }
    return matcher.replaceFirst(replacement);
  }
}
