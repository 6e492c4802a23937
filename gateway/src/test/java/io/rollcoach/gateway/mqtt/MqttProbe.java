package io.rollcoach.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A plain MQTT 5 client that records what arrives, as any display or phone app would see it. */
public final class MqttProbe implements AutoCloseable {
    public record Received(String topic, String payload, boolean retained, byte[] correlation) {
    }

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final String filter;
    private final List<String> connection = new CopyOnWriteArrayList<>();
    private boolean closed;

    public MqttProbe(String url, String filter) throws MqttException {
        this(url, filter, "probe-" + UUID.randomUUID(), true);
    }

    /**
     * {@code clean} false: cleanStart false with a session that outlives a broker restart when the broker keeps it, and
     * no automatic reconnect. A test that restarts the broker closes this probe and connects a new one with the same
     * id, which takes the session up: Paho's own reconnect now and then never came back under load, and the test
     * would then be of Paho's reconnect rather than of the gateway.
     */
    public MqttProbe(String url, String filter, String clientId, boolean clean) throws MqttException {
        this.filter = filter;
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                connection.add(System.currentTimeMillis() % 100_000 + " lost: " + response);
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                connection.add(System.currentTimeMillis() % 100_000 + " error: " + exception);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                byte[] correlation = message.getProperties() == null ? null
                    : message.getProperties().getCorrelationData();
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.isRetained(), correlation));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                connection.add(System.currentTimeMillis() % 100_000 + (reconnect ? " reconnected" : " connected"));
                if (reconnect) {
                    try {
                        client.subscribe(new MqttSubscription(MqttProbe.this.filter, 1));
                    } catch (MqttException ignored) {
                        // the next reconnect tries again
                    }
                }
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(clean);
        if (!clean) {
            options.setSessionExpiryInterval(600L);
        }
        options.setAutomaticReconnect(clean);
        options.setAutomaticReconnectDelay(1, 2);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(new MqttSubscription(filter, 1)).waitForCompletion(10_000);
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<String> payloads(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).map(Received::payload)
            .collect(Collectors.toList());
    }

    public void publish(String topic, String payload, String responseTopic, byte[] correlation) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null);
        if (responseTopic != null || correlation != null) {
            MqttProperties properties = new MqttProperties();
            properties.setResponseTopic(responseTopic);
            properties.setCorrelationData(correlation);
            message.setProperties(properties);
        }
        client.publish(topic, message).waitForCompletion(5_000);
    }

    /** What happened to the probe's connection, with when (ms), for a failing test's message. */
    public List<String> connectionHistory() {
        return List.copyOf(connection);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (closed) {
            return;
        }
        closed = true;
        if (client.isConnected()) {
            try {
                client.disconnect().waitForCompletion(2_000);
            } catch (MqttException lostMeanwhile) {
                // the broker went away just before: nothing to disconnect from
            }
        }
        client.close(true);
    }
}
