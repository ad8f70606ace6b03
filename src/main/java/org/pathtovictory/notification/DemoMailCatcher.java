package org.pathtovictory.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * For a local run without a mail server ({@code demo} profile): an embedded SMTP server (GreenMail)
 * on {@code spring.mail.host:port} catches every mail, and {@code /api/demo/mails} lists them. If
 * something already listens there (e.g. a Mailpit), that is used instead.
 */
@RestController
@Profile("demo")
class DemoMailCatcher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(DemoMailCatcher.class);

  private final String host;
  private final int port;
  private final boolean enabled;
  private GreenMail greenMail;

  DemoMailCatcher(
      @Value("${spring.mail.host:localhost}") String host,
      @Value("${spring.mail.port:1025}") int port,
      @Value("${pathtovictory.notifications.demo-mail-catcher:true}") boolean enabled) {
    this.host = host;
    this.port = port;
    this.enabled = enabled;
  }

  @Override
  public synchronized void start() {
    if (!enabled || !(host.equals("localhost") || host.equals("127.0.0.1")) || listening()) {
      LOG.info("Mails go to the SMTP server at {}:{}", host, port);
      return;
    }
    try {
      GreenMail server =
          new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
      greenMail = server;
      LOG.info("Demo mail catcher on {}:{}: read every mail at /api/demo/mails", host, port);
    } catch (RuntimeException e) {
      LOG.warn("Could not start the demo mail catcher on port {}: {}", port, e.getMessage());
    }
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public synchronized void stop() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }

  @Override
  public boolean isRunning() {
    return greenMail != null;
  }

  @Override
  public int getPhase() {
    // up before the mail dispatcher starts sending, down after it stopped
    return Integer.MIN_VALUE + 100;
  }

  @GetMapping(value = "/api/demo/mails", produces = MediaType.TEXT_HTML_VALUE)
  String mails() throws Exception {
    StringBuilder page =
        new StringBuilder(
            "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>Caught mails</title></head>"
                + "<body style=\"font-family: sans-serif\"><h1>Mails caught by the demo SMTP"
                + " server</h1>");
    if (greenMail == null) {
      page.append("<p>No demo mail catcher runs here; mails go to ")
          .append(HtmlUtils.htmlEscape(host + ":" + port))
          .append(".</p>");
    } else {
      MimeMessage[] messages = greenMail.getReceivedMessages();
      page.append("<p>").append(messages.length).append(" mails, newest first.</p>");
      for (int i = messages.length - 1; i >= 0; i--) {
        MimeMessage message = messages[i];
        page.append("<hr><p><b>")
            .append(HtmlUtils.htmlEscape(String.valueOf(message.getSubject())))
            .append("</b><br>To: ")
            .append(HtmlUtils.htmlEscape(addresses(message.getAllRecipients())))
            .append("<br>Sent: ")
            .append(HtmlUtils.htmlEscape(String.valueOf(message.getSentDate())))
            .append("</p><pre>")
            .append(HtmlUtils.htmlEscape(String.valueOf(textOf(message))))
            .append("</pre>");
      }
    }
    return page.append("</body></html>").toString();
  }

  private static String addresses(Address[] addresses) {
    return addresses == null
        ? ""
        : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }

  private static String textOf(MimeMessage message) {
    try {
      Object content = message.getContent();
      if (content instanceof String text) {
        return text;
      }
      return findText(content);
    } catch (Exception e) {
      return "(cannot read: " + e.getMessage() + ")";
    }
  }

  private static String findText(Object content) throws Exception {
    if (content instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        var part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          return String.valueOf(part.getContent());
        }
        String nested = findText(part.getContent());
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }
}
