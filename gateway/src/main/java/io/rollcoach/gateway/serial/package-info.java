/**
 * The roller's serial link: lists the ports, opens one, reads frames on its own thread, survives unplugs, records raw
 * bytes to captures.
 */
package io.rollcoach.gateway.serial;
