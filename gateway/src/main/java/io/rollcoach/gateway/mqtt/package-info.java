/** MQTT 5 out (events, telemetry, statuses, summaries, Home Assistant discovery) and commands in, with Eclipse Paho. */
package io.rollcoach.gateway.mqtt;
