/** The command line and the wiring of inputs, engines and outputs; no logic of its own. */
package io.rollcoach.gateway.app;
