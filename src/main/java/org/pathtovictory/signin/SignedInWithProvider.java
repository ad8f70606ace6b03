package org.pathtovictory.signin;

/**
 * Published when someone signed in through the organization's identity provider ({@code oidc}
 * profile) and was matched by their verified address to the engine user {@code userId}.
 */
public record SignedInWithProvider(String userId, String email) {}
