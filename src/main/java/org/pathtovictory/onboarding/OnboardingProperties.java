package org.pathtovictory.onboarding;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of joining, under {@code pathtovictory.onboarding}.
 *
 * @param invitationValidFor how long an invitation's link can be used to set a password
 * @param changesValidFor how long a requester has to change a join request an organizer sent back
 * @param requestsPerMinute requests one client address may make to the public pages per minute
 */
@Validated
@ConfigurationProperties("pathtovictory.onboarding")
record OnboardingProperties(
    @DefaultValue("P7D") Duration invitationValidFor,
    @DefaultValue("P30D") Duration changesValidFor,
    @Min(1) @DefaultValue("20") int requestsPerMinute) {}
