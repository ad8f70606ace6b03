package org.pathtovictory.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every kind of mail, as it arrives at a real SMTP server (GreenMail), scored by SpamAssassin from
 * Debian's packages with its local rules only ({@code spamassassin -L -t}: no network tests, which
 * would need DNS and the real sending host). Each must score 1.0 or less (5.0 is "spam"). The
 * scores are printed and written to {@code target/spamassassin-scores.txt}. Without SpamAssassin
 * the test fails in CI ({@code .ci/run} installs it) and is skipped, loudly, elsewhere.
 */
class SpamAssassinTest extends NotificationTestSupport {

  static final Path SPAMASSASSIN =
      Path.of(System.getProperty("spamassassin", "/usr/bin/spamassassin"));
  static final double MAX_SCORE = 1.0;
  private static final Pattern STATUS =
      Pattern.compile(
          "X-Spam-Status: (\\w+), score=(-?[0-9.]+) required=[0-9.]+\\s+tests=(.*?)\\s+autolearn=",
          Pattern.DOTALL);

  @Autowired MailBounces bounces;

  @BeforeAll
  static void spamAssassinInstalled() {
    if (!Files.isExecutable(SPAMASSASSIN)) {
      org.pathtovictory.Skips.because(
          "The mail spam score test needs SpamAssassin at "
              + SPAMASSASSIN
              + " (apt-get install spamassassin; .ci/run installs it)");
    }
  }

  @Test
  void everyKindOfMailScoresAtMostOne() throws Exception {
    Map<String, MimeMessage> mails = new LinkedHashMap<>();
    Task task = startTask(ITHACA, PRESS, "t-ithaca-press1", due(TODAY.plusDays(3)));
    mails.put("new task", next());
    setToday(TODAY.plusDays(2));
    notifications.remindDueTomorrow();
    mails.put("reminder", next());
    setToday(TODAY.plusDays(4));
    notifications.escalateOverdue();
    mails.put("overdue", next());
    preferences.setMode("t-ithaca-press1", NotificationMode.DIGEST);
    notifications.sendDigests();
    mails.put("digest", next());
    // the notice to the lead when a volunteer's address refuses mail
    bounces.refused(
        outbox.forTask(task.getId()).get(0),
        "refused for good by the mail server (SMTP 550), not retried: 550 5.1.1 No such user here");
    mails.put("bounce notice", next());

    List<String> report = new ArrayList<>();
    Map<String, Double> scores = new LinkedHashMap<>();
    for (Map.Entry<String, MimeMessage> mail : mails.entrySet()) {
      Matcher status = score(mail.getValue());
      double score = Double.parseDouble(status.group(2));
      scores.put(mail.getKey(), score);
      report.add(
          String.format(
              "%-14s score %5.1f  tests: %s",
              mail.getKey(), score, status.group(3).replaceAll("\\s+", "")));
    }
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "spamassassin-scores.txt"), report);
    report.forEach(line -> System.out.println("SpamAssassin (-L): " + line));
    assertThat(scores)
        .allSatisfy((kind, score) -> assertThat(score).as(kind).isLessThanOrEqualTo(MAX_SCORE));
  }

  private MimeMessage next() throws Exception {
    MimeMessage mail = mailsAfterSettling(1).get(0);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    smtp.purgeEmailFromAllMailboxes();
    return mail;
  }

  /** Runs {@code spamassassin -L -t} on the mail as received and returns its X-Spam-Status. */
  private static Matcher score(MimeMessage mail) throws Exception {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    mail.writeTo(raw);
    Path input = Files.createTempFile("ptv-mail", ".eml");
    try {
      Files.write(input, raw.toByteArray());
      Process process =
          new ProcessBuilder(SPAMASSASSIN.toString(), "-L", "-t")
              .redirectInput(input.toFile())
              .redirectErrorStream(true)
              .start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("spamassassin did not finish in 180 s");
      }
      String text = new String(out, StandardCharsets.UTF_8).replace("\r\n", "\n");
      Matcher status = STATUS.matcher(text);
      assertThat(status.find()).as("X-Spam-Status in spamassassin's answer:\n" + text).isTrue();
      return status;
    } finally {
      Files.deleteIfExists(input);
    }
  }
}
