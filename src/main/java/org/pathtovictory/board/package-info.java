/**
 * The campaign board: where every campaign a volunteer may see stands (phase, deadlines, next
 * steps, compliance, voter contact against the group's goals), as a page at {@code /board} behind
 * Tasklist's sign-in and as JSON at {@code /api/board}; the volunteer's own settings page {@code
 * /me}; and the voter-contact export. Read-only over the engine: it changes no process. It owns its
 * read model, table {@code ptv_board_campaign} (a row per campaign, rewritten after each change the
 * engine commits to it: {@code CampaignRows}).
 */
package org.pathtovictory.board;
