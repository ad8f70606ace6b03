package org.pathtovictory.compliance;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** What a campaign-finance review decides about spending (values of the contract). */
enum SpendingDecision {
  /** No spending was planned, so nothing was reviewed. */
  NOT_NEEDED,
  APPROVED,
  /** Approved; the conditions travel with the campaign and appear in later forms. */
  APPROVED_WITH_CONDITIONS,
  /** The group spends no money on this. */
  NOT_APPROVED;

  /** The decisions a reviewer can submit. */
  static final Set<String> REVIEWER_CHOICES =
      Arrays.stream(values())
          .filter(decision -> decision != NOT_NEEDED)
          .map(Enum::name)
          .collect(Collectors.toUnmodifiableSet());

  static final String CHOOSE = "choose APPROVED, APPROVED_WITH_CONDITIONS or NOT_APPROVED";
}
