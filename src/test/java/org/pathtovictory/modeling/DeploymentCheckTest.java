package org.pathtovictory.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the deployment check, each refused over REST as the demo {@code organizer} deploys
 * from Camunda Modeler: 400, the problem named by file, element and reason, nothing deployed, the
 * previous version still the newest.
 */
class DeploymentCheckTest extends DeploymentTestSupport {

  /** One expected problem: file, element and a part of the reason. */
  record Expected(String resource, String element, String reason) {}

  static Expected problem(String element, String reason) {
    return new Expected(FILE, element, reason);
  }

  @BeforeEach
  void theValidModelIsDeployed() {
    validModelDeployed();
  }

  void refused(Map<String, String> files, Expected... expected) {
    int version = newestVersion();
    long deployments = deployments();
    HttpResponse<String> response = deploy("organizer", files);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode body = read(response);
    String message = body.path("message").asText();
    List<JsonNode> problems = new ArrayList<>();
    body.path("problems").forEach(problems::add);
    for (Expected e : expected) {
      String line =
          e.element() == null ? e.resource() + ": " : e.resource() + " · " + e.element() + ": ";
      assertThat(message).as(response.body()).contains(line).contains(e.reason());
      assertThat(problems)
          .as(response.body())
          .anyMatch(
              p ->
                  p.path("resource").asText().equals(e.resource())
                      && p.path("element").asText().equals(e.element() == null ? "" : e.element())
                      && p.path("reason").asText().contains(e.reason()));
    }
    assertThat(message).doesNotContain("Exception").doesNotContain("org.");
    assertThat(newestVersion()).as("the previous version stays the newest").isEqualTo(version);
    assertThat(deployments()).as("nothing deployed").isEqualTo(deployments);
  }

  void refused(String bpmn, Expected... expected) {
    refused(Map.of(FILE, bpmn), expected);
  }

  static Map<String, String> files(String... nameAndContent) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < nameAndContent.length; i += 2) {
      files.put(nameAndContent[i], nameAndContent[i + 1]);
    }
    return files;
  }

  // ------------------------------------------------------------------ who edits

  @Test
  void anOrganizerDeploysAValidChange() {
    int version = newestVersion();
    HttpResponse<String> response =
        deploy("organizer", validModel().replace("Hold a debrief", "Hold the debrief"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(newestVersion()).isEqualTo(version + 1);
  }

  @Test
  void aGroupLeadMayNotDeploy() {
    int version = newestVersion();
    long deployments = deployments();
    HttpResponse<String> response =
        deploy("ithaca-lead", validModel().replace("Hold a debrief", "Hold a lead's debrief"));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(newestVersion()).isEqualTo(version);
    assertThat(deployments()).isEqualTo(deployments);
  }

  @Test
  void everyProblemOfOneDeploymentIsNamedAtOnce() {
    refused(
        model(
            TASK.replace("hold-debrief", "no-such-form").replace("group-leads", "volunteers"),
            Step.of(
                "<bpmn:serviceTask id=\"Task_Step\" name=\"Step\""
                    + " camunda:delegateExpression=\"${noSuchBean}\">",
                "</bpmn:serviceTask>")),
        problem(TASK_LABEL, "“no-such-form”, which is neither in this deployment nor deployed"),
        problem(TASK_LABEL, "“volunteers” is not a role"),
        problem("Task_Step (Step)", "calls “noSuchBean”, which is not a model bean"));
  }

  // ------------------------------------------------------------------ user tasks

  @Test
  void aUserTaskWithoutAForm() {
    refused(
        model(TASK.replace(" camunda:formRef=\"hold-debrief\"", ""), MANUAL),
        problem(TASK_LABEL, "has no form"));
  }

  @Test
  void aFormNeitherInTheDeploymentNorDeployed() {
    refused(
        model(TASK.replace("hold-debrief", "no-such-form"), MANUAL),
        problem(TASK_LABEL, "uses the form “no-such-form”, which is neither"));
  }

  @Test
  void aCandidateGroupThatIsNotARole() {
    refused(
        model(TASK.replace("group-leads", "group-leads,volunteers"), MANUAL),
        problem(TASK_LABEL, "the candidate group “volunteers” is not a role"));
  }

  @Test
  void aUserTaskWithoutADueDate() {
    refused(
        model(TASK.replace(" camunda:dueDate=\"${dueDate.inDays(execution, 3)}\"", ""), MANUAL),
        problem(TASK_LABEL, "has no due date"));
  }

  @Test
  void aDueDateThatIsNotADate() {
    refused(
        model(TASK.replace("${dueDate.inDays(execution, 3)}", "next Tuesday"), MANUAL),
        problem(TASK_LABEL, "the due date “next Tuesday” is not a date and time"));
  }

  @Test
  void aDueDateExpressionThatDoesNotParse() {
    refused(
        model(
            TASK.replace("${dueDate.inDays(execution, 3)}", "${dueDate.inDays(execution, }"),
            MANUAL),
        problem(TASK_LABEL, "the expression ${dueDate.inDays(execution, } cannot be read"));
  }

  @Test
  void aDueDateCallingWhatTheModelBeanDoesNotOffer() {
    refused(
        model(
            TASK.replace("dueDate.inDays(execution, 3)", "dueDate.inWeeks(execution, 3)"), MANUAL),
        problem(TASK_LABEL, "calls dueDate.inWeeks, which the model bean dueDate does not offer"));
  }

  // ------------------------------------------------------------------ references

  @Test
  void aCallActivityCallingAProcessThatDoesNotExist() {
    refused(
        model(
            TASK,
            Step.of(
                "<bpmn:callActivity id=\"Task_Step\" name=\"Step\" calledElement=\"no-such-process\">",
                "</bpmn:callActivity>")),
        problem("Task_Step (Step)", "calls the process “no-such-process”, which is neither"));
  }

  @Test
  void aDecisionThatDoesNotExist() {
    refused(
        model(
            TASK,
            Step.of(
                "<bpmn:businessRuleTask id=\"Task_Step\" name=\"Step\""
                    + " camunda:decisionRef=\"noSuchDecision\" camunda:resultVariable=\"x\""
                    + " camunda:mapDecisionResult=\"singleEntry\">",
                "</bpmn:businessRuleTask>")),
        problem("Task_Step (Step)", "uses the decision “noSuchDecision”, which is neither"));
  }

  @Test
  void aMessageThatIsNotDefined() {
    refused(
        model(
            TASK,
            new Step(
                "<bpmn:intermediateCatchEvent id=\"Task_Step\" name=\"Step\">",
                "",
                "<bpmn:messageEventDefinition id=\"MessageEventDefinition_Step\""
                    + " messageRef=\"Message_Missing\" />",
                "</bpmn:intermediateCatchEvent>")),
        problem("Task_Step (Step)", "a message that is not defined"));
  }

  // ------------------------------------------------------------------ timers

  @Test
  void aTimerThatIsNotADuration() {
    refused(
        model(
            TASK,
            timer(
                "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P7X</bpmn:timeDuration>")),
        problem("Task_Step (Step)", "the timer duration “P7X” is not an ISO 8601 duration"));
  }

  @Test
  void aTimerDateThatIsNotADate() {
    refused(
        model(
            TASK,
            timer("<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">2026-13-45</bpmn:timeDate>")),
        problem("Task_Step (Step)", "the timer date “2026-13-45” is not a date and time"));
  }

  @Test
  void aTimerExpressionThatReachesJavaItself() {
    refused(
        model(
            TASK,
            timer(
                "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">"
                    + "${gotvStart.getClass().forName('java.lang.Runtime')}</bpmn:timeDate>")),
        problem("Task_Step (Step)", "uses “getClass”, which reaches into Java itself"),
        problem("Task_Step (Step)", "uses “forName”, which reaches into Java itself"));
  }

  @Test
  void aTimerExpressionThatDoesNotParse() {
    refused(
        model(
            TASK,
            timer(
                "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${gotvStart +}</bpmn:timeDate>")),
        problem("Task_Step (Step)", "the expression ${gotvStart +} cannot be read"));
  }

  static Step timer(String time) {
    return new Step(
        "<bpmn:intermediateCatchEvent id=\"Task_Step\" name=\"Step\">",
        "",
        "<bpmn:timerEventDefinition id=\"TimerEventDefinition_Step\">"
            + time
            + "</bpmn:timerEventDefinition>",
        "</bpmn:intermediateCatchEvent>");
  }

  // ------------------------------------------------------------------ history, forms, decisions

  @Test
  void aProcessWithoutHistoryTimeToLive() {
    refused(
        validModel().replace(" camunda:historyTimeToLive=\"P30D\"", ""),
        problem("deploy-check (Deploy check)", "no history time to live"));
  }

  @Test
  void aFormThatIsNotValidJson() {
    refused(
        files(
            FILE,
            model(TASK.replace("hold-debrief", "check-broken"), MANUAL),
            "check-broken.form",
            "{\"id\": \"check-broken\", \"components\": ["),
        new Expected(
            "check-broken.form", null, "is not a Camunda Form: its content is not valid JSON"));
  }

  @Test
  void aFormThatIsNotAFormJsSchema() {
    refused(
        files(
            FILE,
            model(TASK.replace("hold-debrief", "check-list"), MANUAL),
            "check-list.form",
            "[1, 2, 3]"),
        new Expected("check-list.form", null, "it has no list of fields (components)"));
  }

  @Test
  void aFormThatUsesOneKeyTwice() {
    refused(
        files(
            FILE,
            model(TASK.replace("hold-debrief", "check-twice"), MANUAL),
            "check-twice.form",
            form(
                "check-twice",
                "[{\"type\": \"textfield\", \"key\": \"notes\", \"label\": \"Notes\"},"
                    + " {\"type\": \"textarea\", \"key\": \"notes\", \"label\": \"More notes\"}]")),
        new Expected("check-twice.form", "notes", "the field key “notes” is used 2 times"));
  }

  @Test
  void aFormFieldWithoutALabel() {
    refused(
        files(
            FILE,
            model(TASK.replace("hold-debrief", "check-unlabelled"), MANUAL),
            "check-unlabelled.form",
            form("check-unlabelled", "[{\"type\": \"textfield\", \"key\": \"notes\"}]")),
        new Expected("check-unlabelled.form", "notes", "the field has no label"));
  }

  @Test
  void aFormWhoseIdIsNotItsFileName() {
    refused(
        files(
            FILE,
            model(TASK.replace("hold-debrief", "check-named"), MANUAL),
            "check-named.form",
            form(
                "check-named-otherwise",
                "[{\"type\": \"textfield\", \"key\": \"n\", \"label\": \"N\"}]")),
        new Expected("check-named.form", null, "must be its file name “check-named”"));
  }

  @Test
  void aFormNoModelUses() {
    refused(
        files(
            FILE,
            // a changed model, so the deployment holds a process that could use the form
            validModel().replace("Hold a debrief", "Hold a short debrief"),
            "check-unused.form",
            form("check-unused", "[{\"type\": \"textfield\", \"key\": \"n\", \"label\": \"N\"}]")),
        new Expected("check-unused.form", null, "no model uses the form “check-unused”"));
  }

  @Test
  void aDecisionReadingAVariableTheProcessNeverSets() {
    refused(
        files(
            FILE,
            model(
                TASK,
                Step.of(
                    "<bpmn:businessRuleTask id=\"Task_Step\" name=\"Step\""
                        + " camunda:decisionRef=\"checkMood\" camunda:resultVariable=\"x\""
                        + " camunda:mapDecisionResult=\"singleEntry\">",
                    "</bpmn:businessRuleTask>")),
            "check-mood.dmn",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                id="Definitions_Mood" name="Mood" namespace="http://pathtovictory.org/test">
              <decision id="checkMood" name="Mood" camunda:historyTimeToLive="P30D">
                <decisionTable id="DecisionTable_Mood">
                  <input id="Input_Mood" label="Mood of the group">
                    <inputExpression id="InputExpression_Mood" typeRef="string"><text>mood</text></inputExpression>
                  </input>
                  <input id="Input_Lessons" label="Lessons">
                    <inputExpression id="InputExpression_Lessons" typeRef="string"><text>lessonsLearned</text></inputExpression>
                  </input>
                  <output id="Output_X" name="x" typeRef="string" />
                  <rule id="Rule_Any">
                    <inputEntry id="InputEntry_Any"><text></text></inputEntry>
                    <inputEntry id="InputEntry_Any2"><text></text></inputEntry>
                    <outputEntry id="OutputEntry_X"><text>"x"</text></outputEntry>
                  </rule>
                </decisionTable>
              </decision>
            </definitions>
            """),
        new Expected(
            "check-mood.dmn",
            "Input_Mood (Mood of the group)",
            "reads “mood”, which the process deploy-check never sets"));
  }

  // ------------------------------------------------------------------ conventions

  @Test
  void anIdThatIsNotReadable() {
    refused(
        validModel().replace("Task_Step", "Activity_0x8f2"),
        problem("Activity_0x8f2 (Step)", "the id is not readable"));
  }

  @Test
  void anElementWithoutALabel() {
    refused(
        model(TASK, Step.of("<bpmn:manualTask id=\"Task_Step\">", "</bpmn:manualTask>")),
        problem("Task_Step", "has no label"));
  }

  @Test
  void anElementNothingFlowsInto() {
    refused(
        model(
            TASK,
            MANUAL,
            "<bpmn:manualTask id=\"Task_Orphan\" name=\"Orphan\">"
                + "<bpmn:outgoing>Flow_OrphanToEnd</bpmn:outgoing></bpmn:manualTask>"
                + "<bpmn:sequenceFlow id=\"Flow_OrphanToEnd\" sourceRef=\"Task_Orphan\""
                + " targetRef=\"EndEvent_Done\" />",
            ""),
        problem("Task_Orphan (Orphan)", "nothing flows into it"));
  }

  @Test
  void aPathThatEndsWithoutAnEndEvent() {
    refused(
        model(
            TASK,
            MANUAL,
            "<bpmn:boundaryEvent id=\"Event_Late\" name=\"Late\" attachedToRef=\"Task_HoldDebrief\""
                + " cancelActivity=\"false\"><bpmn:outgoing>Flow_Late</bpmn:outgoing>"
                + "<bpmn:timerEventDefinition id=\"TimerEventDefinition_Late\"><bpmn:timeDuration"
                + " xsi:type=\"bpmn:tFormalExpression\">P7D</bpmn:timeDuration>"
                + "</bpmn:timerEventDefinition></bpmn:boundaryEvent>"
                + "<bpmn:sequenceFlow id=\"Flow_Late\" sourceRef=\"Event_Late\""
                + " targetRef=\"Task_Remind\" />"
                + "<bpmn:manualTask id=\"Task_Remind\" name=\"Remind\">"
                + "<bpmn:incoming>Flow_Late</bpmn:incoming></bpmn:manualTask>",
            ""),
        problem("Task_Remind (Remind)", "nothing flows out of it"));
  }

  @Test
  void aDecisionFlowWithoutACondition() {
    refused(
        model(
                TASK,
                new Step(
                    "<bpmn:exclusiveGateway id=\"Gateway_Step\" name=\"Went well?\">",
                    "",
                    "<bpmn:outgoing>Flow_Other</bpmn:outgoing>",
                    "</bpmn:exclusiveGateway>"),
                "<bpmn:sequenceFlow id=\"Flow_Other\" name=\"Other\" sourceRef=\"Gateway_Step\""
                    + " targetRef=\"EndEvent_Done\" />",
                "")
            .replace("targetRef=\"Task_Step\"", "targetRef=\"Gateway_Step\"")
            .replace("sourceRef=\"Task_Step\"", "sourceRef=\"Gateway_Step\"")
            .replace(
                "<bpmn:incoming>Flow_ToEnd</bpmn:incoming>",
                "<bpmn:incoming>Flow_ToEnd</bpmn:incoming><bpmn:incoming>Flow_Other</bpmn:incoming>"),
        problem("Flow_ToEnd", "leaves the decision “Went well?” without a condition"),
        problem("Flow_Other (Other)", "leaves the decision “Went well?” without a condition"));
  }

  // ------------------------------------------------------------------ no code from a deployment

  @Test
  void anExpressionReachingTheDataSource() {
    refused(
        model(TASK.replace("${dueDate.inDays(execution, 3)}", "${dataSource.connection}"), MANUAL),
        problem(
            TASK_LABEL, "uses “dataSource”, a part of the application that models may not use"));
  }

  @Test
  void anExpressionReachingTheEngineServices() {
    refused(
        model(
            TASK.replace(
                "${dueDate.inDays(execution, 3)}",
                "${execution.processEngineServices.identityService}"),
            MANUAL),
        problem(TASK_LABEL, "reads the engine's execution.processEngineServices"));
  }

  @Test
  void aJavaScriptScriptTask() {
    refused(
        model(TASK, scriptTask("javascript", "java.lang.Runtime.getRuntime().exec('id')")),
        problem("Task_Step (Step)", "runs a script; models may not run code"));
  }

  @Test
  void aGroovyScriptTask() {
    refused(
        model(TASK, scriptTask("groovy", "'id'.execute()")),
        problem("Task_Step (Step)", "runs a script; models may not run code"));
  }

  static Step scriptTask(String format, String script) {
    return new Step(
        "<bpmn:scriptTask id=\"Task_Step\" name=\"Step\" scriptFormat=\"" + format + "\">",
        "",
        "<bpmn:script>" + script + "</bpmn:script>",
        "</bpmn:scriptTask>");
  }

  @Test
  void aScriptListener() {
    refused(
        model(
            TASK,
            new Step(
                "<bpmn:manualTask id=\"Task_Step\" name=\"Step\">",
                "<bpmn:extensionElements><camunda:executionListener event=\"start\">"
                    + "<camunda:script scriptFormat=\"javascript\">1</camunda:script>"
                    + "</camunda:executionListener></bpmn:extensionElements>",
                "",
                "</bpmn:manualTask>")),
        problem("Task_Step (Step)", "runs a javascript script; models may not run code"));
  }

  @Test
  void aScriptCondition() {
    refused(
        model(TASK, MANUAL, "", "")
            .replace(
                "<bpmn:sequenceFlow id=\"Flow_ToEnd\" sourceRef=\"Task_Step\" targetRef=\"EndEvent_Done\" />",
                "<bpmn:sequenceFlow id=\"Flow_ToEnd\" sourceRef=\"Task_Step\" targetRef=\"EndEvent_Done\">"
                    + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\""
                    + " language=\"groovy\">true</bpmn:conditionExpression></bpmn:sequenceFlow>"),
        problem("Flow_ToEnd", "its condition is a groovy script"));
  }

  @Test
  void aDecisionWrittenInAScriptLanguage() {
    refused(
        Map.of(
            "check-script.dmn",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                id="Definitions_Script" name="Script" namespace="http://pathtovictory.org/test">
              <decision id="checkScript" name="Script" camunda:historyTimeToLive="P30D">
                <literalExpression id="LiteralExpression_Script" expressionLanguage="javascript">
                  <text>java.lang.Runtime.getRuntime().exec('id')</text>
                </literalExpression>
              </decision>
            </definitions>
            """),
        new Expected(
            "check-script.dmn",
            "LiteralExpression_Script",
            "uses the expression language “javascript”, which runs code"));
  }

  @Test
  void aJavaClassDelegate() {
    refused(
        model(
            TASK,
            Step.of(
                "<bpmn:serviceTask id=\"Task_Step\" name=\"Step\" camunda:class=\"java.lang.Runtime\">",
                "</bpmn:serviceTask>")),
        problem("Task_Step (Step)", "runs the Java class “java.lang.Runtime”"));
  }

  @Test
  void aShellTask() {
    refused(
        model(
            TASK,
            Step.of(
                "<bpmn:serviceTask id=\"Task_Step\" name=\"Step\" camunda:type=\"shell\">",
                "</bpmn:serviceTask>")),
        problem("Task_Step (Step)", "is a “shell” task, which runs code on the server"));
  }

  @Test
  void anExpressionListenerCallingABeanThatIsNotAModelBean() {
    refused(
        model(
            TASK,
            new Step(
                "<bpmn:manualTask id=\"Task_Step\" name=\"Step\">",
                "<bpmn:extensionElements><camunda:executionListener event=\"start\""
                    + " expression=\"${repositoryService.deleteDeployment('x')}\" />"
                    + "</bpmn:extensionElements>",
                "",
                "</bpmn:manualTask>")),
        problem("Task_Step (Step)", "calls “repositoryService”, which is not a model bean"));
  }

  @Test
  void aDelegateExpressionNamingSomethingThatIsNotAModelBean() {
    refused(
        model(
            TASK,
            Step.of(
                "<bpmn:serviceTask id=\"Task_Step\" name=\"Step\""
                    + " camunda:delegateExpression=\"${noSuchBean}\">",
                "</bpmn:serviceTask>")),
        problem("Task_Step (Step)", "calls “noSuchBean”, which is not a model bean"));
  }

  @Test
  void aFunctionThatIsNotTheEnginesOwn() {
    refused(
        model(TASK.replace("${dueDate.inDays(execution, 3)}", "${fn:exec('id')}"), MANUAL),
        problem(TASK_LABEL, "uses the function fn:exec(), which models may not use"));
  }
}
