package io.rollcoach.gateway.mqtt;

import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A message on its way to the broker. A retained one's payload may be replaced by a newer value while it waits. */
final class OutgoingMessage {
    final String topic;
    byte[] payload;
    final int qos;
    final MessageKind kind;
    final MqttProperties properties;

    OutgoingMessage(String topic, byte[] payload, int qos, MessageKind kind, MqttProperties properties) {
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.kind = kind;
        this.properties = properties;
    }

    /** A retained state at QoS 1, the kind the gateway keeps and republishes on every connect. */
    static OutgoingMessage state(String topic, byte[] payload) {
        return new OutgoingMessage(topic, payload, 1, MessageKind.STATE, null);
    }

    boolean isRetained() {
        return kind.isRetained();
    }
}
