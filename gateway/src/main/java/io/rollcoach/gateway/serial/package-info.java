/** The roller's serial link: opens the port, reads frames on its own thread, survives unplugs, records raw bytes. */
package io.rollcoach.gateway.serial;
