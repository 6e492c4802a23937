/** Scenarios: what the simulated person does, segment by segment, and what the coach should say about it. */
package io.rollcoach.sim.scenario;
