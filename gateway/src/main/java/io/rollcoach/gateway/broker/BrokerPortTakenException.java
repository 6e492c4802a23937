package io.rollcoach.gateway.broker;

import java.io.IOException;

/** The embedded broker's port is in use: most likely a broker (Mosquitto) is already running there. */
public final class BrokerPortTakenException extends IOException {
    public BrokerPortTakenException(String bindAddress, int port) {
        super("port " + port + " on " + bindAddress + " is already in use, most likely by another MQTT broker. "
            + "Use that broker instead (--broker tcp://localhost:" + port + ", or mqtt.url in the config), or give "
            + "the embedded broker another port (--mqtt-port, or broker.port in the config).");
    }
}
