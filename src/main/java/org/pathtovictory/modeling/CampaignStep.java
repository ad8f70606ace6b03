package org.pathtovictory.modeling;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The kinds of user task that do more than show a form: a model names the kind with the extension
 * property {@code campaignStep} (set by its Camunda Modeler element template), and the engine gives
 * the task the listeners of that kind. Element templates for Camunda 7 cannot write task listeners,
 * so this is how a step an organizer adds from a template behaves like the shipped one.
 */
public enum CampaignStep {
  NAME_THE_LEADS(
      "name-the-leads",
      new Listener(TaskListener.EVENTNAME_CREATE, "offerCampaignLeads"),
      new Listener(TaskListener.EVENTNAME_COMPLETE, "checkCampaignLeads")),
  PLAN_SIGN_OFF("plan-sign-off", new Listener(TaskListener.EVENTNAME_COMPLETE, "checkPlanSignOff")),
  VOTER_CONTACT_REPORT(
      "voter-contact-report",
      new Listener(TaskListener.EVENTNAME_COMPLETE, "recordVoterContactReport")),
  C3_REVIEW("c3-review", new Listener(TaskListener.EVENTNAME_COMPLETE, "c3ReviewSubmitted")),
  SPENDING_REVIEW(
      "spending-review", new Listener(TaskListener.EVENTNAME_COMPLETE, "spendingReviewSubmitted")),
  FIREWALL_ACKNOWLEDGEMENT(
      "firewall-acknowledgement",
      new Listener(TaskListener.EVENTNAME_COMPLETE, "firewallAcknowledgementSubmitted")),
  SPENDING_QUESTION_ANSWER(
      "spending-question-answer",
      new Listener(TaskListener.EVENTNAME_ASSIGNMENT, "spendingQuestionTakenUp"),
      new Listener(TaskListener.EVENTNAME_COMPLETE, "spendingQuestionAnswered"));

  /** The extension property ({@code camunda:property}) that names the kind of a user task. */
  public static final String PROPERTY = "campaignStep";

  private final String kind;
  private final List<Listener> listeners;

  CampaignStep(String kind, Listener... listeners) {
    this.kind = kind;
    this.listeners = List.of(listeners);
  }

  /** The value of {@link #PROPERTY} in a model. */
  public String kind() {
    return kind;
  }

  /** The task listeners of this kind of step, each a model bean called by delegate expression. */
  public List<Listener> listeners() {
    return listeners;
  }

  public static Optional<CampaignStep> ofKind(String kind) {
    return Arrays.stream(values()).filter(step -> step.kind.equals(kind)).findFirst();
  }

  /** A task listener: on {@code event}, the model bean {@code bean}. */
  public record Listener(String event, String bean) {}
}
