package org.pathtovictory.notification;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.pathtovictory.notification.MailOutbox.OutboxMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends the mails of the outbox. One loop claims a batch of due rows and hands chunks of it to a
 * small pool of senders; each sender keeps one SMTP connection open (bounded by the {@code
 * mail.smtp.*timeout} settings, so a hanging server costs a sender seconds, not forever). The loop
 * is woken right after an engine transaction that wrote rows commits, and otherwise looks every
 * {@code poll-interval} (for retries that have come due).
 */
@Component
class MailDispatcher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);
  private static final Duration IDLE_CONNECTION = Duration.ofSeconds(30);

  private final MailOutbox outbox;
  private final JavaMailSender mailSender;
  private final NotificationProperties properties;
  private final MailHeaders headers;
  private final MailBounces bounces;
  private final Semaphore wake = new Semaphore(0);
  private final AtomicBoolean serverWasDown = new AtomicBoolean();
  private final ThreadLocal<Transport> connections = new ThreadLocal<>();
  private final ThreadLocal<Long> lastUsed = ThreadLocal.withInitial(() -> 0L);
  private final Set<Transport> openConnections = ConcurrentHashMap.newKeySet();
  // finished cycles of the loop, for tests that prove a mail was NOT sent (issue 28): the second
  // cycle to finish after an action started after it, so it sent what the action made due
  private final AtomicLong cycles = new AtomicLong();
  private volatile boolean running;
  private Thread loop;
  private ExecutorService senders;
  private final MailMeters meters;

  MailDispatcher(
      MailOutbox outbox,
      JavaMailSender mailSender,
      NotificationProperties properties,
      MailHeaders headers,
      MailBounces bounces,
      MailMeters meters) {
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.properties = properties;
    this.headers = headers;
    this.bounces = bounces;
    this.meters = meters;
  }

  /** Called after a transaction that wrote mails has committed: send them now. */
  void wakeUp() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  @Override
  public synchronized void start() {
    if (running || !properties.dispatch()) {
      return;
    }
    AtomicInteger n = new AtomicInteger();
    senders =
        Executors.newFixedThreadPool(
            properties.senders(),
            r -> {
              Thread t = new Thread(r, "ptv-mail-sender-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    running = true;
    loop = new Thread(this::run, "ptv-mail-dispatcher");
    loop.setDaemon(true);
    loop.start();
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    loop.interrupt();
    senders.shutdown();
    try {
      loop.join(10_000);
      senders.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Transport transport : openConnections) {
      try {
        transport.close();
      } catch (MessagingException | RuntimeException e) {
        LOG.debug("Closing an SMTP connection failed", e);
      }
    }
    openConnections.clear();
  }

  long cyclesFinished() {
    return cycles.get();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    while (running) {
      try {
        int claimed = dispatchDue();
        LOG.trace("Mail dispatch cycle {} finished", cycles.incrementAndGet());
        if (claimed < properties.batchSize()) {
          wake.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // e.g. the database briefly away: the rows stay in the outbox, look again later
        LOG.warn("Mail dispatch failed; trying again in {}", properties.pollInterval(), e);
        try {
          Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Sends every mail that is due now, up to one batch, and waits for the senders.
   *
   * @return how many mails were claimed
   */
  int dispatchDue() throws InterruptedException {
    Instant now = Instant.now();
    List<OutboxMail> claimed =
        outbox.claimDue(properties.batchSize(), now, now.plus(properties.lease()));
    if (claimed.isEmpty()) {
      return 0;
    }
    List<Future<?>> work = new ArrayList<>();
    for (int from = 0; from < claimed.size(); from += properties.chunkSize()) {
      List<OutboxMail> chunk =
          claimed.subList(from, Math.min(claimed.size(), from + properties.chunkSize()));
      if (senders == null || senders.isShutdown()) {
        sendChunk(chunk);
      } else {
        work.add(senders.submit(() -> sendChunk(chunk)));
      }
    }
    for (Future<?> future : work) {
      try {
        future.get();
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.error("A mail sender failed unexpectedly", e.getCause());
      }
    }
    return claimed.size();
  }

  /**
   * Sends one chunk over this sender's SMTP connection (kept open between chunks, checked with a
   * NOOP once per chunk, not per mail: a round trip each) and records the outcome of every mail. A
   * mail the server refuses fails alone; a broken or hanging connection fails the rest of the chunk
   * at once, to be retried after the backoff, so a bad server costs one timeout per chunk, not one
   * per mail.
   */
  void sendChunk(List<OutboxMail> chunk) {
    if (!(mailSender instanceof JavaMailSenderImpl smtp)) {
      sendChunkThrough(mailSender, chunk);
      return;
    }
    List<OutboxMail> sent = new ArrayList<>();
    int failures = 0;
    String firstError = null;
    Transport transport = null;
    for (int i = 0; i < chunk.size(); i++) {
      OutboxMail mail = chunk.get(i);
      try {
        MimeMessage message = toMessage(smtp.getSession(), mail);
        transport = transport == null ? connection(smtp) : transport;
        transport.sendMessage(message, message.getAllRecipients());
        sent.add(mail);
      } catch (SendFailedException | jakarta.mail.internet.AddressException e) {
        failures++;
        firstError = firstError == null ? SmtpFailures.describe(e) : firstError;
        failed(mail, e); // refused by the server (or not an address): the connection is fine
        transport = null;
      } catch (MessagingException | RuntimeException e) {
        closeConnection();
        for (OutboxMail rest : chunk.subList(i, chunk.size())) {
          failed(rest, e);
        }
        failures += chunk.size() - i;
        firstError = firstError == null ? SmtpFailures.describe(e) : firstError;
        break;
      }
    }
    outbox.markSent(sent, Instant.now());
    meters.sent(sent.size());
    if (failures > 0) {
      LOG.warn(
          "{} of {} mails not sent (retried with backoff unless refused for good): {}",
          failures,
          chunk.size(),
          firstError);
    }
    if (!sent.isEmpty() && serverWasDown.getAndSet(false)) {
      int released = outbox.releaseBackedOff(Instant.now());
      LOG.info("The mail server answers again; {} waiting mails are due now", released);
      wakeUp();
    }
  }

  /** This sender thread's SMTP connection, opened or reopened as needed. */
  private Transport connection(JavaMailSenderImpl smtp) throws MessagingException {
    Transport transport = connections.get();
    long now = System.nanoTime();
    if (transport != null
        && now - lastUsed.get() < IDLE_CONNECTION.toNanos()
        && sameServer(transport, smtp)
        && transport.isConnected()) {
      lastUsed.set(now);
      return transport;
    }
    closeConnection();
    transport = smtp.getSession().getTransport(smtp.getProtocol());
    String user =
        smtp.getUsername() == null || smtp.getUsername().isEmpty() ? null : smtp.getUsername();
    String password = user == null ? null : smtp.getPassword();
    transport.connect(smtp.getHost(), smtp.getPort(), user, password);
    connections.set(transport);
    openConnections.add(transport);
    lastUsed.set(now);
    return transport;
  }

  /** A connection stays in use only while the settings still name its server. */
  private static boolean sameServer(Transport transport, JavaMailSenderImpl smtp) {
    var url = transport.getURLName();
    return url != null
        && java.util.Objects.equals(url.getHost(), smtp.getHost())
        && url.getPort() == smtp.getPort();
  }

  private void closeConnection() {
    Transport transport = connections.get();
    connections.remove();
    if (transport != null) {
      openConnections.remove(transport);
      try {
        transport.close();
      } catch (MessagingException | RuntimeException e) {
        LOG.debug("Closing an SMTP connection failed", e);
      }
    }
  }

  /** Any other {@link JavaMailSender}: one send of the whole chunk. */
  private void sendChunkThrough(JavaMailSender sender, List<OutboxMail> chunk) {
    Map<MimeMessage, OutboxMail> byMessage = new IdentityHashMap<>();
    List<MimeMessage> messages = new ArrayList<>();
    for (OutboxMail mail : chunk) {
      try {
        MimeMessage message = toMessage(null, mail);
        byMessage.put(message, mail);
        messages.add(message);
      } catch (MessagingException | RuntimeException e) {
        failed(mail, e);
      }
    }
    List<OutboxMail> sent = new ArrayList<>();
    try {
      sender.send(messages.toArray(MimeMessage[]::new));
      messages.forEach(m -> sent.add(byMessage.get(m)));
    } catch (MailSendException e) {
      Map<Object, Exception> failures = e.getFailedMessages();
      for (MimeMessage message : messages) {
        Exception failure = failures.get(message);
        // no failure recorded for a message: it was sent (e.g. only closing the connection failed)
        if (failure == null) {
          sent.add(byMessage.get(message));
        } else {
          failed(byMessage.get(message), failure);
        }
      }
    } catch (MailException e) {
      messages.forEach(m -> failed(byMessage.get(m), e));
    }
    outbox.markSent(sent, Instant.now());
    meters.sent(sent.size());
  }

  private void failed(OutboxMail mail, Exception e) {
    int code = SmtpFailures.replyCode(e);
    if (code >= 500 && code < 600) {
      refused(mail, code, e);
      return;
    }
    boolean last = mail.attempts() >= properties.maxAttempts();
    Instant next = Instant.now().plus(properties.backoffAfter(mail.attempts()));
    String error = SmtpFailures.describe(e);
    if (SmtpFailures.isConnectionFailure(e)) {
      serverWasDown.set(true);
    }
    outbox.markFailed(mail, last, next, error);
    meters.failed(last ? MailMeters.GAVE_UP : MailMeters.RETRIED);
    if (last) {
      LOG.error(
          "Mail {} to {} ({}) FAILED after {} attempts: {}",
          mail.id(),
          mail.recipient(),
          mail.subject(),
          mail.attempts(),
          error);
    } else {
      LOG.debug(
          "Mail {} to {} not sent (attempt {} of {}), next try at {}: {}",
          mail.id(),
          mail.recipient(),
          mail.attempts(),
          properties.maxAttempts(),
          next,
          error);
    }
  }

  /**
   * The receiving server refused this mail for good (5xx on RCPT or DATA): trying again would only
   * be refused again, so the mail is FAILED at once and the recipient marked as bouncing.
   */
  private void refused(OutboxMail mail, int code, Exception e) {
    String reason =
        "refused for good by the mail server (SMTP "
            + code
            + "), not retried: "
            + SmtpFailures.serverAnswer(e).orElse(SmtpFailures.describe(e));
    outbox.markRefused(mail, reason);
    meters.failed(MailMeters.REFUSED);
    try {
      if (bounces.refused(mail, reason) > 0) {
        wakeUp();
      }
    } catch (RuntimeException problem) {
      // the refusal is recorded on the row; telling the lead can wait for the next refusal
      LOG.error("Could not record the bounce of mail {}", mail.id(), problem);
    }
  }

  /**
   * The message as it goes out: a plain {@code multipart/alternative} (text, then HTML) with the
   * headers a careful bulk sender sets. Everything in it comes from the outbox row, so a resend
   * repeats the same mail, Message-ID included.
   */
  private MimeMessage toMessage(Session session, OutboxMail mail) throws MessagingException {
    String messageId = headers.messageId(mail.id());
    MimeMessage message =
        new MimeMessage(session == null ? mailSender.createMimeMessage().getSession() : session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    message.setFrom(new InternetAddress(properties.from(), true));
    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.recipient(), true));
    if (mail.replyTo() != null) {
      try {
        message.setReplyTo(InternetAddress.parse(mail.replyTo(), true));
      } catch (AddressException e) {
        // a lead's malformed address must not keep the volunteer's mail from going out
        LOG.warn("Mail {}: Reply-To left out, not an address list: {}", mail.id(), mail.replyTo());
      }
    }
    message.setSubject(mail.subject(), "UTF-8");
    message.setSentDate(new java.util.Date());
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.textBody(), "UTF-8", "plain");
    alternative.addBodyPart(text);
    if (mail.htmlBody() != null) {
      MimeBodyPart html = new MimeBodyPart();
      html.setText(mail.htmlBody(), "UTF-8", "html");
      alternative.addBodyPart(html);
    }
    message.setContent(alternative);
    // RFC 3834: machine-written, so auto-responders (vacation replies) stay quiet
    message.setHeader("Auto-Submitted", "auto-generated");
    if (mail.listUnsubscribe() != null) {
      // RFC 2369 and RFC 8058: one-click unsubscribe, as Gmail and Yahoo require of bulk senders
      message.setHeader("List-Unsubscribe", mail.listUnsubscribe());
      message.setHeader("List-Unsubscribe-Post", MailHeaders.ONE_CLICK);
    }
    message.setHeader("X-PTV-Outbox-Id", mail.id());
    message.saveChanges();
    // JavaMailSenderImpl keeps a Message-ID set before sending
    message.setHeader("Message-ID", messageId);
    return message;
  }
}
