/** Where the simulated roller's bytes go: a serial port, a TCP socket, a file or stdout. */
package io.rollcoach.sim.output;
