/**
 * The command line and the wiring of inputs, engines and outputs: options, dialogue, messages and exit codes; no logic
 * of its own.
 */
package io.rollcoach.gateway.app;
