/**
 * MQTT 5 with Eclipse Paho: events, telemetry, statuses, summaries and discovery out, commands in, and the gateways'
 * retained health read back for {@code rollcoach status}.
 */
package io.rollcoach.gateway.mqtt;
