/**
 * The models organizers edit: BPMN and DMN in {@code processes/}, Camunda Forms in {@code forms/},
 * deployed from there at start-up under stable relative names (and, in the demo profile, whenever a
 * file is saved); the deployment check, also run without deploying ({@code /api/models/check}, and
 * for the plan editor in {@code org.pathtovictory.plan}); their versions, what changed between two
 * of them, and moving running campaigns from one version to another ({@code /api/models}).
 */
package org.pathtovictory.modeling;
