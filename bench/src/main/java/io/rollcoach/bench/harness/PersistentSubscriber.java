package io.rollcoach.bench.harness;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

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

/**
 * A QoS 1 subscriber with a persistent session (clean start off, ten minutes' expiry) to every roller's feedback and
 * command answers: what is published while the broker restarts waits for it and is delivered when it is back. It
 * reconnects by hand on a thread of its own with the same options, so the broker's saved session is taken up again.
 * Keeps every feedback message ({@code {topic, payload}}) and counts the answers.
 */
final class PersistentSubscriber implements AutoCloseable {
    private static final String[] FILTERS = {"rollcoach/+/feedback", "rollcoach/+/cmd/result"};

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private final List<String[]> received = new CopyOnWriteArrayList<>();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread keeper;
    private volatile boolean keepConnected = true;

    PersistentSubscriber(String url) throws MqttException {
        client = new MqttAsyncClient(url, "faults-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new Callback());
        options.setCleanStart(false); // a persistent session: what is published while we reconnect waits for us
        options.setSessionExpiryInterval(600L);
        options.setReceiveMaximum(65535);
        client.connect(options).waitForCompletion(10_000);
        keeper = new Thread(this::keepConnected, "faults-subscriber-keeper");
        keeper.setDaemon(true);
        keeper.start();
        subscribe();
    }

    private void keepConnected() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(100);
                if (!client.isConnected() && keepConnected) {
                    client.connect(options).waitForCompletion(3000);
                    reconnects.incrementAndGet();
                }
            } catch (MqttException retry) {
                // the broker is still away
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void subscribe() throws MqttException {
        client.subscribe(new MqttSubscription[] {new MqttSubscription(FILTERS[0], 1),
            new MqttSubscription(FILTERS[1], 1)}).waitForCompletion(10_000);
    }

    /** Publishes at QoS 0 with this subscriber's client (commands). */
    void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, new MqttMessage(payload, 0, false, null));
    }

    /** Every feedback message so far, {@code {topic, payload}}, in arrival order. */
    List<String[]> received() {
        return received;
    }

    long answers() {
        return answers.get();
    }

    long reconnects() {
        return reconnects.get();
    }

    boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        keepConnected = false;
        keeper.interrupt();
        client.disconnect().waitForCompletion(5000);
        client.close();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.endsWith("/cmd/result")) {
                answers.incrementAndGet();
            } else {
                received.add(new String[] {topic, new String(message.getPayload(), StandardCharsets.UTF_8)});
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
