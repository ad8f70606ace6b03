package org.pathtovictory.engine;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The application's own settings, under {@code pathtovictory.*}.
 *
 * @param publicBaseUrl where volunteers reach this server, used for links in emails
 * @param gotvLeadDays how many days before election day get-out-the-vote starts
 * @param timeZone the zone in which campaign dates (due dates, election day) are read
 */
@Validated
@ConfigurationProperties("pathtovictory")
public record PathToVictoryProperties(
    @NotNull @DefaultValue("http://localhost:8080") URI publicBaseUrl,
    @Min(1) @Max(60) @DefaultValue("14") int gotvLeadDays,
    @NotNull @DefaultValue("America/New_York") ZoneId timeZone) {}
