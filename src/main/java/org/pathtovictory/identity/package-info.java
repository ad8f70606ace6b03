/**
 * Who is who: the campaign roles as Camunda groups, each local group as a tenant, the least
 * authorizations each role needs, what partner groups of a joint campaign may see, and the demo
 * identities of the {@code demo} profile.
 */
package org.pathtovictory.identity;
