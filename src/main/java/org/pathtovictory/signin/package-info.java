/**
 * Sign-in with the organization's accounts (profile {@code oidc}): OpenID Connect through Spring
 * Security's OAuth2 client for the webapps (Tasklist, Cockpit, Admin), the board and {@code /me},
 * and the provider's access tokens (bearer JWT) for the REST APIs. A provider user is the engine
 * user with the same verified email; who they are here (roles as Camunda groups, tenants) comes
 * from this application's database, never from the token. Announces each sign-in ({@link
 * org.pathtovictory.signin.SignedInWithProvider}) and depends on nothing else of the application.
 * Without the profile Spring Security is not configured at all ({@link
 * org.pathtovictory.signin.SecurityOnlyWithOidc}).
 *
 * <p>Also, in every profile, our sign-in page {@code /sign-in} with the sign-in by an emailed link
 * (single use, 15 minutes, hashed in {@code ptv_sign_in_link}, used only by the POST of the page it
 * opens, rate limited per client and per address) next to Tasklist's password sign-in.
 */
package org.pathtovictory.signin;
