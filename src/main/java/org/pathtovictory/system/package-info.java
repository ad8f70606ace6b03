/**
 * Engine and web configuration: database initialisation order, the REST API's authentication and
 * error mapping, and the application's typed settings.
 */
package org.pathtovictory.system;
