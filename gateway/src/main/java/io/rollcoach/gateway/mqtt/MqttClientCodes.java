package io.rollcoach.gateway.mqtt;

/** Paho's client-side reason codes that mean "not now" rather than "never". */
final class MqttClientCodes {
    static final int NOT_CONNECTED = 32104;
    static final int CLIENT_DISCONNECTING = 32102;
    static final int CONNECT_IN_PROGRESS = 32110;
    static final int MAX_INFLIGHT = 32202;

    private MqttClientCodes() {
    }
}
