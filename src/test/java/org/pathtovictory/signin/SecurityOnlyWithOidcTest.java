package org.pathtovictory.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pathtovictory.WebTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Without the profile {@code oidc} nothing of Spring Security is configured: no filter, no form.
 */
class SecurityOnlyWithOidcTest extends WebTestSupport {

  @Autowired ApplicationContext context;

  @Test
  void noSpringSecurityWithoutTheProfile() {
    assertThat(context.containsBean("springSecurityFilterChain")).isFalse();
    assertThat(
            context.getBeanNamesForType(org.springframework.security.web.SecurityFilterChain.class))
        .isEmpty();
    assertThat(get("/login", null).statusCode()).isEqualTo(404);
  }

  @Test
  void theProfileFilterDropsOnlySecurityAutoConfigurations() {
    assertThat(
            SecurityOnlyWithOidc.isSecurity(
                "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration"))
        .isTrue();
    assertThat(
            SecurityOnlyWithOidc.isSecurity(
                "org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration"))
        .isFalse();
  }
}
