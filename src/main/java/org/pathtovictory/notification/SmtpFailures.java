package org.pathtovictory.notification;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** What a failed SMTP send says: a refusal for good, a server away, and in words for the row. */
final class SmtpFailures {

  private SmtpFailures() {}

  /**
   * The SMTP reply code with which the server refused a recipient or the message (Angus Mail's
   * exceptions carry it), or 0 if there was none: not an SMTP answer, or a refusal of our own
   * sender address (MAIL FROM), which says nothing about the recipient.
   */
  static int replyCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SMTPAddressFailedException address) {
        return address.getReturnCode();
      }
      if (t instanceof SMTPSendFailedException send) {
        String command = send.getCommand() == null ? "" : send.getCommand();
        return command.regionMatches(true, 0, "MAIL", 0, 4) ? 0 : send.getReturnCode();
      }
    }
    return 0;
  }

  /** The server's own words of a refusal (e.g. "550 5.1.1 No such user"). */
  static java.util.Optional<String> serverAnswer(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SMTPAddressFailedException || t instanceof SMTPSendFailedException) {
        return java.util.Optional.ofNullable(t.getMessage()).map(String::strip);
      }
    }
    return java.util.Optional.empty();
  }

  static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketException
          || t instanceof SocketTimeoutException
          || t instanceof UnknownHostException
          || t.getClass().getSimpleName().equals("MailConnectException")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 900; t = t.getCause()) {
      if (!text.isEmpty()) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    return text.toString();
  }
}
