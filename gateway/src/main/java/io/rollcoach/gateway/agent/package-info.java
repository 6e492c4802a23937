/**
 * How every loop of the gateway runs: an Agrona agent on a named daemon thread, with one error handler that counts,
 * logs sparingly and lets the agent go on.
 */
package io.rollcoach.gateway.agent;
