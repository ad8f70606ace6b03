/**
 * Voter contact (identification and persuasion) and get-out-the-vote: the weekly voter-contact
 * report, kept as data for the whole campaign.
 */
package org.pathtovictory.votercontact;
