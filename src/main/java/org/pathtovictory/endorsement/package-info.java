/**
 * Recording an endorsement: the intake variables of the contract, their validation before any
 * instance exists, the business key, and the campaign calendar derived from the dates.
 */
package org.pathtovictory.endorsement;
