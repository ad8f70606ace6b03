/**
 * The models organizers edit: BPMN and DMN in {@code processes/}, Camunda Forms in {@code forms/},
 * deployed from there at start-up under stable relative names.
 */
package org.pathtovictory.modeling;
