package org.pathtovictory.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Mails about a person's own account (an invitation to set a password, the answer to a join
 * request), through the same outbox as task mail: written in the caller's transaction, so a rolled
 * back step sends nothing, and retried until the mail server takes it. They are not bulk mail: the
 * person asked for them, so they carry no unsubscribe link and are sent whatever their task-mail
 * setting says.
 */
@Component
public class AccountMails {

  /** One mail: greeting, paragraphs, and a button-like link when there is something to open. */
  public record AccountMail(
      String subject,
      String greetingName,
      List<String> paragraphs,
      String linkLabel,
      String link,
      String footer) {}

  private final MailOutbox outbox;
  private final ITemplateEngine templates;

  AccountMails(MailOutbox outbox, ITemplateEngine mailTemplates) {
    this.outbox = outbox;
    this.templates = mailTemplates;
  }

  /**
   * Records the mail for sending; a second call with the same key sends nothing more.
   *
   * @param key what makes this mail unique (e.g. the invitation's link)
   * @param userId the engine user it is for, or null for someone without an account yet
   */
  public void send(String key, String tenantId, String userId, String recipient, AccountMail mail) {
    String dedupeKey = "account:" + key;
    if (outbox.exists(dedupeKey)) {
      return;
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("subject", mail.subject());
    model.put("name", mail.greetingName());
    model.put("paragraphs", mail.paragraphs());
    model.put("linkLabel", mail.linkLabel());
    model.put("link", mail.link());
    model.put("footer", mail.footer());
    Context context = new Context(Locale.US, model);
    outbox.enqueue(
        dedupeKey,
        MailComposer.Kind.ACCOUNT,
        null,
        tenantId,
        userId,
        recipient,
        new MailComposer.Mail(
            mail.subject(),
            templates.process("account.txt", context),
            templates.process("account.html", context),
            null,
            null));
  }
}
