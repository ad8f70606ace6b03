/**
 * The models organizers edit: BPMN and DMN in {@code processes/}, Camunda Forms in {@code forms/},
 * deployed from there at start-up under stable relative names (and, in the demo profile, whenever a
 * file is saved); their versions, what changed between two of them, and moving running campaigns
 * from one version to another ({@code /api/models}).
 */
package org.pathtovictory.modeling;
