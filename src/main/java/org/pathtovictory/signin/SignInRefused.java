package org.pathtovictory.signin;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** The provider knows the person, this application does not let them in: one plain sentence. */
class SignInRefused extends OAuth2AuthenticationException {

  SignInRefused(String sentence) {
    super(new OAuth2Error("access_denied", sentence, null), sentence);
  }

  /** What the person reads. */
  String sentence() {
    return getMessage();
  }
}
