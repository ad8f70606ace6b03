/**
 * Planning after the endorsement: the leads a group names (canvass lead, press liaison, recruitment
 * captain, phone and text lead) and who gets their later tasks, and the Indivisible Organizer's
 * sign-off of the plan.
 */
package org.pathtovictory.planning;
