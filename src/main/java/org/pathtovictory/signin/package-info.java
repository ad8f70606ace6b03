/** Sign-in with the organization's accounts (OpenID Connect, profile {@code oidc}). */
package org.pathtovictory.signin;
