/**
 * Engine and web configuration: database initialisation order, the REST API's authentication and
 * error mapping, the application's typed settings, and what keeps the application closed by default
 * (expression guard, input guard, security headers, closed setup page).
 */
package org.pathtovictory.system;
