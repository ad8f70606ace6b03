package org.pathtovictory.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's counters for operators ({@code /actuator/prometheus}, package operations):
 * {@code ptv_mail_sent_total} and {@code ptv_mail_failed_total{outcome}}, where the outcome says
 * what happens to the mail next. Every outcome is registered at 0, so alerts see it from the start.
 */
@Component
class MailMeters {

  static final String RETRIED = "retried";
  static final String GAVE_UP = "gave-up";
  static final String REFUSED = "refused";

  private final Counter sent;
  private final Map<String, Counter> failed = new HashMap<>();

  MailMeters(MeterRegistry registry) {
    this.sent = Counter.builder("ptv.mail.sent").description("Mails sent").register(registry);
    for (String outcome : List.of(RETRIED, GAVE_UP, REFUSED)) {
      failed.put(
          outcome,
          Counter.builder("ptv.mail.failed")
              .description("Attempts that did not deliver a mail, by what happens next")
              .tag("outcome", outcome)
              .register(registry));
    }
  }

  void sent(int mails) {
    sent.increment(mails);
  }

  void failed(String outcome) {
    failed.get(outcome).increment();
  }
}
