/**
 * A volunteer's own settings page ({@code /me}, behind Tasklist's sign-in): how they hear about
 * their tasks, their calendar feed addresses, and the email address mails go to. Every mail links
 * here.
 */
package org.pathtovictory.settings;
