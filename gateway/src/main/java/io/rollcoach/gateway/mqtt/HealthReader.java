package io.rollcoach.gateway.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Reads what gateways left retained on the broker: each one's {@code <base>/gateway/<id>/status} (with the time a
 * clean stop gave) and {@code .../health}. Both are read because a stopped gateway's last health still says
 * "connected": its retained {@code offline} status is what tells the truth. Used once, on the caller's thread;
 * Paho's callback thread fills the answers while {@link #read} waits.
 */
public final class HealthReader implements AutoCloseable {
    private final MqttClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();

    /** What one gateway left on the broker; any part may be missing (null). */
    public record Reading(String gateway, String status, String health, String offlineSince) {
        public boolean isOnline() {
            return "online".equals(status);
        }
    }

    private HealthReader(MqttClient client, String username, String password) {
        this.client = client;
        options.setConnectionTimeout(5);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * A reader for the broker at {@code brokerUrl}, not yet connected.
     *
     * @throws IllegalArgumentException when {@code brokerUrl} is not a broker URL; the message is Paho's
     */
    public static HealthReader open(String brokerUrl, String username, String password) {
        PahoLogging.install();
        try {
            return new HealthReader(new MqttClient(brokerUrl, "rollcoach-status-" + UUID.randomUUID(),
                new MemoryPersistence()), username, password);
        } catch (MqttException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Connects, listens for {@code wait}, and returns what arrived, by gateway id in order; empty when nothing did.
     *
     * @param gatewayId only this gateway, or null for every one
     * @throws IOException when the broker cannot be reached or refuses; the message is Paho's
     */
    public List<Reading> read(String baseTopic, String gatewayId, Duration wait)
        throws IOException, InterruptedException {
        Map<String, String> health = new ConcurrentHashMap<>();
        Map<String, String> statuses = new ConcurrentHashMap<>();
        Map<String, String> offlineSince = new ConcurrentHashMap<>();
        String prefix = baseTopic + "/gateway/";
        try {
            client.connect(options);
            // Paho 1.2.5's subscribe(String, int, listener) calls itself until the stack overflows: use the array form
            String only = gatewayId == null ? "+" : gatewayId;
            client.subscribe(new MqttSubscription[] {new MqttSubscription(prefix + only + "/health", 1),
                    new MqttSubscription(prefix + only + "/status", 1)},
                new IMqttMessageListener[] {
                    (topic, message) -> health.put(gatewayOf(prefix, topic), new String(message.getPayload(),
                        StandardCharsets.UTF_8)),
                    (topic, message) -> {
                        statuses.put(gatewayOf(prefix, topic), new String(message.getPayload(),
                            StandardCharsets.UTF_8).trim());
                        String since = since(message.getProperties());
                        if (since != null) {
                            offlineSince.put(gatewayOf(prefix, topic), since);
                        }
                    }});
            TimeUnit.MILLISECONDS.sleep(wait.toMillis());
        } catch (MqttException e) {
            throw new IOException(e.getMessage(), e);
        }
        Set<String> gateways = new TreeSet<>(statuses.keySet());
        gateways.addAll(health.keySet());
        List<Reading> readings = new ArrayList<>();
        for (String gateway : gateways) {
            readings.add(new Reading(gateway, statuses.get(gateway), health.get(gateway), offlineSince.get(gateway)));
        }
        return readings;
    }

    private static String gatewayOf(String prefix, String topic) {
        String rest = topic.substring(prefix.length());
        return rest.substring(0, rest.indexOf('/'));
    }

    /** A clean stop says when in its retained offline status; a Last Will cannot (it is written at connect). */
    private static String since(MqttProperties properties) {
        if (properties == null || properties.getUserProperties() == null) {
            return null;
        }
        for (UserProperty property : properties.getUserProperties()) {
            if (property.getKey().equals("since")) {
                return property.getValue();
            }
        }
        return null;
    }

    /** Disconnects and closes the client: Paho's threads would keep the JVM alive. */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } catch (MqttException e) {
            // going anyway
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // going anyway
        }
    }
}
