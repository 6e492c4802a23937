/** The simulated roller: turns a scenario into protocol v1 frames with realistic motion, force and faults. */
package io.rollcoach.sim;
