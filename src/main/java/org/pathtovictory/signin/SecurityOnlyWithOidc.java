package org.pathtovictory.signin;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Spring Security's auto-configuration only in the profile {@code oidc}.
 *
 * <p>The OAuth2 client on the class path would switch on Spring Boot's default security in every
 * profile: a login form, its own CSRF tokens, headers and session handling, and a request firewall
 * in front of every path. Without {@code oidc} the application must behave exactly as before
 * (Camunda's webapp sign-in, HTTP Basic on the REST APIs, our own headers and CSRF). A permit-all
 * filter chain would still put Spring Security's firewall and request wrappers in front of every
 * request; dropping the auto-configurations leaves no Spring Security filter at all. This filter,
 * Spring Boot's extension point for it, drops them whenever the profile is not active, so no
 * exclusion list in a profile file can be forgotten or overwritten.
 */
public class SecurityOnlyWithOidc implements AutoConfigurationImportFilter, EnvironmentAware {

  static final String PROFILE = "oidc";

  private static final String[] SECURITY_AUTO_CONFIGURATIONS = {
    "org.springframework.boot.autoconfigure.security.",
    "org.springframework.boot.actuate.autoconfigure.security."
  };

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public boolean[] match(
      String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
    boolean oidc = environment != null && environment.acceptsProfiles(Profiles.of(PROFILE));
    boolean[] matches = new boolean[autoConfigurationClasses.length];
    for (int i = 0; i < autoConfigurationClasses.length; i++) {
      matches[i] = oidc || !isSecurity(autoConfigurationClasses[i]);
    }
    return matches;
  }

  static boolean isSecurity(String autoConfigurationClass) {
    if (autoConfigurationClass == null) {
      return false;
    }
    for (String prefix : SECURITY_AUTO_CONFIGURATIONS) {
      if (autoConfigurationClass.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
