package org.pathtovictory.endorsement;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.pathtovictory.engine.PathToVictoryProperties;
import org.pathtovictory.modeling.ModelBean;
import org.pathtovictory.web.InvalidInputException;
import org.pathtovictory.web.InvalidInputException.Problem;
import org.pathtovictory.web.PlainText;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code post-endorsement}: refuses bad intake (nothing is started, the error
 * names each field), then records the normalized values, the business key {@code <race>/<lead
 * group>/<general election date>} and the campaign calendar.
 */
@ModelBean(
    sets = {
      "candidateName",
      "office",
      "race",
      "leadGroup",
      "partnerGroups",
      "jointCampaign",
      "partnersStillPlanning",
      "generalElectionDate",
      "primaryDate",
      "voterContactProgram",
      "spendingDescription",
      "endorsementDate",
      "nextElection",
      "nextElectionDate",
      "daysToElection",
      "gotvStartDate",
      "gotvStart",
      "electionResultDate"
    })
@Component("recordEndorsement")
class RecordEndorsementListener implements ExecutionListener {

  static final String ADMIN_GROUP = "camunda-admin";

  private final Validator validator;
  private final IdentityService identityService;
  private final PathToVictoryProperties properties;
  private final CampaignDueDates dueDates;

  RecordEndorsementListener(
      Validator validator,
      IdentityService identityService,
      PathToVictoryProperties properties,
      CampaignDueDates dueDates) {
    this.validator = validator;
    this.identityService = identityService;
    this.properties = properties;
    this.dueDates = dueDates;
  }

  @Override
  public void notify(DelegateExecution execution) {
    LocalDate today = dueDates.today();
    IntakeReader reader = new IntakeReader(execution.getVariables());
    EndorsementIntake intake = reader.read();
    List<Problem> problems = new ArrayList<>(reader.problems());
    for (ConstraintViolation<EndorsementIntake> violation : validator.validate(intake)) {
      problems.add(new Problem(fieldOf(violation), violation.getMessage()));
    }
    if (problems.isEmpty()) {
      problems.addAll(datesAndDependencies(intake, today));
      problems.addAll(groupMembership(intake));
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing(Problem::field));
      throw new InvalidInputException(problems);
    }
    record(execution, intake, today);
  }

  private List<Problem> datesAndDependencies(EndorsementIntake intake, LocalDate today) {
    List<Problem> problems = new ArrayList<>();
    LocalDate endorsed = intake.endorsementDay(today);
    LocalDate general = intake.generalElectionDay();
    LocalDate primary = intake.primaryDay();
    if (endorsed.isAfter(today)) {
      problems.add(new Problem("endorsementDate", "cannot be in the future"));
    }
    if (!general.isAfter(today)) {
      problems.add(new Problem("generalElectionDate", "has already passed; enter a future date"));
    } else if (!general.isAfter(endorsed)) {
      problems.add(
          new Problem("generalElectionDate", "must be after the endorsement date " + endorsed));
    }
    if (primary != null) {
      if (primary.isBefore(today)) {
        problems.add(
            new Problem(
                "primaryDate", "has already passed; leave it empty once the primary is over"));
      } else if (!primary.isBefore(general)) {
        problems.add(new Problem("primaryDate", "must be before the general election " + general));
      }
    }
    if (PlainText.hasMarkup(intake.spendingDescription())) {
      problems.add(new Problem("spendingDescription", PlainText.MARKUP_MESSAGE));
    } else if (Boolean.TRUE.equals(intake.plannedSpending())
        && !EndorsementIntake.isSet(intake.spendingDescription())) {
      problems.add(
          new Problem(
              "spendingDescription", "say what your group plans to spend money on, and how much"));
    }
    if (intake.partnerGroups().contains(intake.leadGroup())) {
      problems.add(new Problem("partnerGroups", "must not repeat the lead group"));
    }
    return problems;
  }

  /** A volunteer records endorsements only for a local group they belong to. */
  private List<Problem> groupMembership(EndorsementIntake intake) {
    String leadGroup = intake.leadGroup();
    Authentication user = identityService.getCurrentAuthentication();
    if (user != null
        && !user.getGroupIds().contains(ADMIN_GROUP)
        && (user.getTenantIds() == null || !user.getTenantIds().contains(leadGroup))) {
      return List.of(
          new Problem(
              "leadGroup", "you can only record an endorsement for a local group you belong to"));
    }
    List<Problem> problems = new ArrayList<>();
    if (!isSetUp(leadGroup)) {
      problems.add(
          new Problem(
              "leadGroup",
              "no local group '" + leadGroup + "' is set up here; ask an administrator to add it"));
    }
    // each partner group gets its own part in its own group, so it must exist
    for (String partner : intake.partnerGroups()) {
      if (!isSetUp(partner)) {
        problems.add(
            new Problem(
                "partnerGroups",
                "no local group '" + partner + "' is set up here; check the short name"));
      }
    }
    return problems;
  }

  private boolean isSetUp(String group) {
    return Context.getCommandContext()
            .runWithoutAuthorization(
                () -> identityService.createTenantQuery().tenantId(group).count())
        > 0;
  }

  private void record(DelegateExecution execution, EndorsementIntake intake, LocalDate today) {
    CampaignCalendar calendar =
        CampaignCalendar.of(
            today,
            intake.endorsementDay(today),
            intake.primaryDay(),
            intake.generalElectionDay(),
            properties.gotvLeadDays());
    execution.setVariable("candidateName", intake.candidateName());
    execution.setVariable("office", intake.office());
    execution.setVariable("race", intake.race().toUpperCase());
    execution.setVariable("leadGroup", intake.leadGroup());
    execution.setVariable("partnerGroups", String.join(",", intake.partnerGroups()));
    execution.setVariable("jointCampaign", !intake.partnerGroups().isEmpty());
    // the plan's sign-off waits for each partner group's part (joint-campaign-partner)
    execution.setVariable("partnersStillPlanning", String.join(",", intake.partnerGroups()));
    execution.setVariable("generalElectionDate", intake.generalElectionDate());
    execution.setVariable("primaryDate", intake.primaryDate());
    execution.setVariable("voterContactProgram", intake.voterContactProgram());
    execution.setVariable("spendingDescription", intake.spendingDescription());
    execution.setVariables(calendar.variables(properties.timeZone()));
    execution.setProcessBusinessKey(
        intake.race().toUpperCase()
            + "/"
            + intake.leadGroup()
            + "/"
            + intake.generalElectionDate());
  }

  private static String fieldOf(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    int bracket = path.indexOf('[');
    return bracket > 0 ? path.substring(0, bracket) : path;
  }
}
