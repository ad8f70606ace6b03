package org.pathtovictory.tasklist;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;

/**
 * The webapps' sign-in form (Tasklist, Cockpit). While the page still starts, the form's autofocus
 * can take the cursor back to the user name in the middle of typing the password: then both land in
 * the user name ("ithaca-leaddemo") and the password stays empty (seen in a screenshot of a failed
 * sign-in on this machine; CI failed with the same symptom). So the form is filled once the page is
 * quiet, and filled again until both fields hold what was typed.
 */
final class SignInForm {

  private SignInForm() {}

  static void submit(Page page, String user, String password) {
    page.waitForLoadState(LoadState.NETWORKIDLE);
    Locator username = page.getByPlaceholder("Username");
    Locator secret = page.getByPlaceholder("Password");
    for (int attempt = 1; attempt <= 5; attempt++) {
      username.fill(user);
      secret.fill(password);
      page.waitForTimeout(200);
      if (user.equals(username.inputValue()) && password.equals(secret.inputValue())) {
        break;
      }
    }
    page.locator("button[type=submit]").click();
  }
}
