/**
 * Joint campaigns: the partner groups' part ({@code joint-campaign-partner}, one instance per
 * partner group in that group's own tenant, called by the lead's {@code post-endorsement}), what
 * the partner instances tell the lead instance (part given, out, the result the other way), and
 * adding or letting go of a partner group while the campaign runs.
 */
package org.pathtovictory.joint;
