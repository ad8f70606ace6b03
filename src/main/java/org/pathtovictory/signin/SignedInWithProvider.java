package org.pathtovictory.signin;

/**
 * Someone signed in to the webapps through the identity provider as the engine user {@code userId}
 * (published after the sign-in succeeded, once per sign-in, on the sign-in's request thread; a
 * listener that fails is logged and does not undo the sign-in).
 *
 * @param userId the engine user they are here
 * @param email their verified email at the provider, lower case
 */
public record SignedInWithProvider(String userId, String email) {}
