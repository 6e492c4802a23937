/** Commands from MQTT and the display: parsed and checked at the edge, carried out on the roller's thread. */
package io.rollcoach.gateway.command;
