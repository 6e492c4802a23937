/** The embedded MQTT 5 broker (HiveMQ Community Edition) that a gateway with no broker of its own starts. */
package io.rollcoach.gateway.broker;
