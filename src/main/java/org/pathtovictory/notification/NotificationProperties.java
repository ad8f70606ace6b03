package org.pathtovictory.notification;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the email notifications, under {@code pathtovictory.notifications.*}.
 *
 * @param from the sender of every mail
 * @param dispatch whether this node sends mails from the outbox (off: rows wait for another node)
 * @param pollInterval how often the outbox is looked at when nothing woke the dispatcher
 * @param batchSize how many due mails the dispatcher claims at once
 * @param senders how many SMTP connections send in parallel
 * @param chunkSize how many mails one SMTP connection sends before they are marked sent
 * @param maxAttempts after this many failed attempts a mail is marked FAILED
 * @param initialBackoff wait after the first failure; doubled after each further one
 * @param maxBackoff the longest wait between two attempts
 * @param lease how long a claimed mail is reserved for its sender; a sender that died releases it
 *     after this (must be far longer than one chunk's bounded SMTP timeouts)
 * @param digestTime local time (campaign time zone) from which the daily digest goes out
 * @param messageIdDomain the domain of every mail's {@code Message-ID}; empty: the host of {@code
 *     pathtovictory.public-base-url}
 * @param unsubscribeMailbox the {@code mailto:} address in {@code List-Unsubscribe}; empty: {@code
 *     unsubscribe@} the Message-ID domain
 * @param unsubscribeLinkMaxAge how long the unsubscribe link of a mail keeps working
 * @param unsubscribeRequestsPerMinute requests one address may make to the unsubscribe page a
 *     minute
 */
@Validated
@ConfigurationProperties("pathtovictory.notifications")
public record NotificationProperties(
    @NotBlank @DefaultValue("Path to Victory <noreply@pathtovictory.test>") String from,
    @DefaultValue("true") boolean dispatch,
    @NotNull @DefaultValue("2s") Duration pollInterval,
    @Min(1) @Max(1000) @DefaultValue("200") int batchSize,
    @Min(1) @Max(16) @DefaultValue("2") int senders,
    @Min(1) @Max(100) @DefaultValue("20") int chunkSize,
    @Min(1) @Max(50) @DefaultValue("10") int maxAttempts,
    @NotNull @DefaultValue("30s") Duration initialBackoff,
    @NotNull @DefaultValue("1h") Duration maxBackoff,
    @NotNull @DefaultValue("10m") Duration lease,
    @NotNull @DefaultValue("07:00") LocalTime digestTime,
    @Pattern(regexp = "|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?") String messageIdDomain,
    @Email String unsubscribeMailbox,
    @NotNull @DefaultValue("365d") Duration unsubscribeLinkMaxAge,
    @Min(1) @Max(10000) @DefaultValue("20") int unsubscribeRequestsPerMinute) {

  /** The wait after the given number of failed attempts: exponential, capped. */
  Duration backoffAfter(int failedAttempts) {
    Duration wait = initialBackoff;
    for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
