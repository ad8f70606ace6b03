/**
 * The web room: how every request is let in and answered. The one translation from an exception to
 * an answer ({@link org.pathtovictory.web.ApiErrors}, with exceptions that know their own answer,
 * {@link org.pathtovictory.web.ApiRefusal}) for Camunda's REST API, the webapps' APIs and our
 * controllers; HTTP Basic on the REST APIs; security headers and the closed setup page; the CSRF
 * token of our own forms; rate limits on public pages; the floor under every submitted variable
 * (input guard, plain text) and literal values in task forms; the pages' shell ({@link
 * org.pathtovictory.web.Pages}). Uses only the engine room; any package above may use it.
 */
package org.pathtovictory.web;
