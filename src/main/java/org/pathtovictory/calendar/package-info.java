/**
 * Calendar feeds (iCalendar): a volunteer's own feed (their open tasks' due dates and their
 * campaigns' key dates) and a feed per local group, each at a secret address a calendar app
 * subscribes to without a password. Only a hash of each secret is stored; the settings page renews
 * or revokes it. Computed on every request, so a moved task moves in the calendar.
 */
package org.pathtovictory.calendar;
