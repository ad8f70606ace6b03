/**
 * Volunteers on their phones: {@code /tasks} (my tasks and the open tasks of my roles, take one in
 * a tap) and {@code /tasks/{taskId}} (the task's Camunda Form in the form-js viewer, its guidance,
 * "Add to my calendar", Complete), on Tasklist's session. The page reads and submits the form
 * through Camunda's own webapp API, as Tasklist does, so the same rules, refusals and conflict
 * answers apply; this package only lists tasks, checks who may see one and takes it as the user.
 * Also the web app manifest and the service worker that cache the page shell.
 */
package org.pathtovictory.tasks;
