package org.pathtovictory.endorsement;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.pathtovictory.web.PlainText;

/**
 * The intake of the contract, as submitted from Tasklist's start form or the REST API. Messages are
 * written for volunteers; the field is named by the validator.
 */
public record EndorsementIntake(
    @NotBlank(message = "enter the endorsed candidate's name")
        @Size(max = 120)
        @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE)
        String candidateName,
    @NotBlank(message = "enter the office, e.g. U.S. House or Governor")
        @Size(max = 120)
        @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE)
        String office,
    @NotBlank(message = "enter the district or state, e.g. NY-24 or MI")
        @Pattern(
            regexp = "[A-Za-z]{2}(-[A-Za-z0-9]{1,4})?",
            message = "must be a state (MI) or a district (NY-24)")
        String race,
    @NotBlank(message = "choose DISTRICT or STATEWIDE")
        @Pattern(regexp = "DISTRICT|STATEWIDE", message = "must be DISTRICT or STATEWIDE")
        String raceScope,
    @NotBlank(message = "enter your local group's short name (slug), e.g. ny24-ithaca")
        @Pattern(regexp = SLUG, message = SLUG_MESSAGE)
        String leadGroup,
    @NotNull List<@Pattern(regexp = SLUG, message = SLUG_MESSAGE) String> partnerGroups,
    @CalendarDate String endorsementDate,
    @CalendarDate String primaryDate,
    @NotBlank(message = "enter the date of the general election") @CalendarDate
        String generalElectionDate,
    @NotBlank(message = "choose your group's organization type")
        @Pattern(
            regexp = "UNINCORPORATED|C4|DFP|POLITICAL_ORG|C3",
            message = "must be one of UNINCORPORATED, C4, DFP, POLITICAL_ORG or C3")
        String organizationType,
    @Pattern(regexp = "CAMPAIGN|INDIVISIBLE", message = "must be CAMPAIGN or INDIVISIBLE")
        String voterContactProgram,
    @NotNull(message = "say whether your group plans to spend money on this campaign")
        Boolean plannedSpending,
    @Size(max = 2000) String spendingDescription,
    @NotBlank(message = "enter your Indivisible Organizer's email address")
        @Email(message = "must be an email address, e.g. name@example.org")
        @Size(max = 254)
        String organizerEmail) {

  static final String SLUG = "[a-z0-9][a-z0-9-]{1,62}";
  static final String SLUG_MESSAGE =
      "must be a group's short name: lowercase letters, digits and dashes, e.g. ny24-ithaca";

  LocalDate endorsementDay(LocalDate today) {
    return isSet(endorsementDate) ? LocalDate.parse(endorsementDate.trim()) : today;
  }

  LocalDate generalElectionDay() {
    return LocalDate.parse(generalElectionDate.trim());
  }

  LocalDate primaryDay() {
    return isSet(primaryDate) ? LocalDate.parse(primaryDate.trim()) : null;
  }

  static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
