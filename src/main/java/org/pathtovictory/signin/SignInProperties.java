package org.pathtovictory.signin;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sign-in with the organization's accounts (profile {@code oidc}), under {@code
 * pathtovictory.signin.*}; the provider itself is Spring's {@code
 * spring.security.oauth2.client.registration.<registration-id>} and {@code ...provider.<id>}.
 *
 * @param registrationId which client registration is the organization's sign-in service
 * @param tokenAudiences besides the client id, the audiences a bearer token may be issued for (the
 *     token's {@code aud} or {@code azp} must name one of them)
 */
@ConfigurationProperties("pathtovictory.signin")
public record SignInProperties(
    @DefaultValue("organization") String registrationId,
    @DefaultValue List<String> tokenAudiences) {}
