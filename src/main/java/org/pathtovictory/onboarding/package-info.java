/**
 * Joining without an administrator: a local group asks on the public page {@code /join}, an
 * Indivisible Organizer reviews the request in Tasklist (process {@code group-onboarding}), the
 * approved group's tenant and lead exist at once and the lead is invited by mail; group leads
 * invite and manage their volunteers on {@code /groups/{slug}} and over {@code /api/groups}, every
 * change in the group's audit log.
 */
package org.pathtovictory.onboarding;
