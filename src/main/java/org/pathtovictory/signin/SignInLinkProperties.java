package org.pathtovictory.signin;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sign-in by an emailed link, under {@code pathtovictory.sign-in-link}.
 *
 * @param requestsPerMinute requests one client address may make to the sign-in pages per minute
 * @param linksPerAddress links one email address may be sent per quarter of an hour
 */
@Validated
@ConfigurationProperties("pathtovictory.sign-in-link")
record SignInLinkProperties(
    @Min(1) @DefaultValue("20") int requestsPerMinute,
    @Min(1) @DefaultValue("3") int linksPerAddress) {}
