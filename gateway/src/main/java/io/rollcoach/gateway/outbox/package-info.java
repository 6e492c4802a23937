/** The bounded hand-off from the real-time engines to the outputs (MQTT, display, history), one ring per output. */
package io.rollcoach.gateway.outbox;
