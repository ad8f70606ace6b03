/**
 * The plan editor in the browser, for process editors on Tasklist's sign-in: the list of the plan's
 * processes, decisions and forms ({@code /plan}), the editor pages' shells (the JavaScript of
 * {@code /plan-assets/}), and their JSON API under {@code /plan/api}: the models to open, the
 * element templates and lists they choose from, the deployment check without deploying, the deploy
 * as the signed-in user with a one-line description, and versions, changes and moving running
 * campaigns through the same code as {@code /api/models} ({@code modeling.ModelEditing}).
 */
package org.pathtovictory.plan;
