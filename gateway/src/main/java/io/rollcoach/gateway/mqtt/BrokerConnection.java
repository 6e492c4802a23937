package io.rollcoach.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import javax.net.SocketFactory;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one connection to the broker (a Paho MQTT 5 client): connects when the publisher thread asks, and
 * after a loss waits before the next attempt, with jitter. A failed attempt waits 1, 2, 4 ... 30 s; a connection that
 * keeps dying young (another client with our client id) waits longer each time, and a "session taken over" 30 s or
 * more, so two claimants of one id take turns every half minute instead of every second.
 *
 * <p>{@link #connectIfDue}, {@link #publish} and {@link #subscribe} run on the publisher thread; Paho's callback
 * thread reports connects and losses here and hands every message that arrives to the intake.
 */
final class BrokerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    private static final int MAX_CONNECT_BACKOFF_S = 30;
    /** MQTT 5 DISCONNECT reason "session taken over": another client connected with our client id. */
    static final int SESSION_TAKEN_OVER = 0x8E;
    /**
     * After a takeover, wait this long (plus up to a quarter more of jitter) so two claimants never take turns fast.
     */
    private static final long TAKEN_OVER_WAIT_S = 30;
    private static final long SAY_AGAIN_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** A connection lost sooner than this after it started counts towards a longer wait before the next attempt. */
    private static final long QUICK_LOSS_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private final PahoThreads threads = new PahoThreads();
    private final MqttConnectionOptions options;
    private volatile BiConsumer<String, MqttMessage> onMessage = (topic, message) -> { };

    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile boolean connecting;
    private final AtomicBoolean justConnected = new AtomicBoolean();
    private final AtomicLong connects = new AtomicLong();
    private volatile long nextConnectAttemptNanos;
    private volatile int connectBackoffS = 1;
    private volatile long takenOverSaidNanos;
    private volatile long connectedAtNanos;
    private volatile int quickLosses;
    private volatile String lastProblem = "";

    BrokerConnection(MqttSettings settings, Topics topics) {
        this.settings = settings;
        PahoLogging.install();
        try {
            this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence(),
                new TimerPingSender(threads), threads);
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt.url '" + settings.url() + "': " + e.getMessage(), e);
        }
        this.options = connectionOptions(settings, topics);
        client.setCallback(new Callback());
    }

    private static MqttConnectionOptions connectionOptions(MqttSettings settings, Topics topics) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        // The publisher thread reconnects, not Paho: after a "session taken over" Paho would be back in a second and
        // two clients with one id would knock each other off forever.
        options.setAutomaticReconnect(false);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L); // commands sent during a short outage still arrive
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(10);
        MqttMessage will = new MqttMessage("offline".getBytes(StandardCharsets.US_ASCII), 1, true, null);
        options.setWill(topics.gatewayStatus(), will);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        if (settings.tls()) {
            options.setSocketFactory(new NoDelaySslSocketFactory(TlsContexts.fromPem(settings.caFile(),
                settings.clientCertFile(), settings.clientKeyFile()).getSocketFactory()));
        } else if (settings.url().startsWith("tcp://")) {
            options.setSocketFactory(new NoDelaySocketFactory(SocketFactory.getDefault()));
        }
        return options;
    }

    /** Where every message that arrives goes, on Paho's callback thread; must not block. Set before connecting. */
    void onMessage(BiConsumer<String, MqttMessage> handler) {
        this.onMessage = handler;
    }

    boolean isConnected() {
        return connected;
    }

    long connects() {
        return connects.get();
    }

    String lastProblem() {
        return lastProblem;
    }

    /** Starts an attempt when not connected, none is under way and the wait after the last one is over. */
    void connectIfDue(long nowNanos) {
        if (!connected && !connecting && nowNanos - nextConnectAttemptNanos >= 0) {
            connect();
        }
    }

    /** True once after each connect: the publisher thread then subscribes and republishes. Counts the connect. */
    boolean takeJustConnected() {
        if (justConnected.getAndSet(false)) {
            connects.incrementAndGet();
            return true;
        }
        return false;
    }

    private void connect() {
        connecting = true;
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connecting = false;
                }

                @Override
                public void onFailure(IMqttToken token, Throwable problem) {
                    retryConnectLater(problem);
                }
            });
        } catch (MqttException e) {
            retryConnectLater(e);
        }
    }

    private void retryConnectLater(Throwable problem) {
        if (!running) {
            connecting = false;
            return; // closing (perhaps because the gateway could not start): a failed connect is no news then
        }
        String text = "cannot reach the MQTT broker at " + settings.url() + ": " + describe(problem);
        if (!text.equals(lastProblem)) {
            LOG.warn("{}; retrying every {} s at most (is it running? check mqtt.url)", text, MAX_CONNECT_BACKOFF_S);
        }
        lastProblem = text;
        nextConnectAttemptNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(connectBackoffS);
        connectBackoffS = Math.min(MAX_CONNECT_BACKOFF_S, connectBackoffS * 2);
        connecting = false;
    }

    /**
     * The wait before connecting again after a loss, without its jitter: 1 s after a connection that lived, 2, 4 ...
     * 30 s after each one in a row that died young, 30 s after a takeover.
     */
    static long waitAfterLossSeconds(int quickLosses, boolean takenOver) {
        return takenOver ? TAKEN_OVER_WAIT_S : quickLosses == 0 ? 1
            : Math.min(MAX_CONNECT_BACKOFF_S, 1L << Math.min(quickLosses, 5));
    }

    /** Hands a message to the client; holds it back while the client cannot take it, so the order is kept. */
    PublishQueue.Outcome publish(OutgoingMessage next) {
        try {
            client.publish(next.topic, new MqttMessage(next.payload, next.qos, next.isRetained(), next.properties));
            return PublishQueue.Outcome.SENT;
        } catch (MqttException e) {
            int code = e.getReasonCode();
            if (code == MqttClientCodes.MAX_INFLIGHT || code == MqttClientCodes.NOT_CONNECTED
                || code == MqttClientCodes.CLIENT_DISCONNECTING || code == MqttClientCodes.CONNECT_IN_PROGRESS) {
                return PublishQueue.Outcome.HELD;
            }
            LOG.warn("cannot publish to {}: {}; message dropped", next.topic, describe(e));
            return PublishQueue.Outcome.FAILED;
        }
    }

    void subscribe(MqttSubscription... filters) {
        if (!connected) {
            return; // subscribed on connect
        }
        try {
            client.subscribe(filters, null, null, new MqttProperties());
        } catch (MqttException e) {
            LOG.warn("cannot subscribe to {}: {}", filters[0].getTopic(), describe(e));
        }
    }

    /** No attempt after this, and a loss is no news: the gateway is closing. */
    void stop() {
        running = false;
    }

    /**
     * Says {@code offline} on the gateway's status, with when in a user property for {@code rollcoach status} (the
     * payload stays plain for Home Assistant's availability), disconnects and closes the client.
     */
    void closeSayingOffline(String statusTopic, long waitMillis) {
        try {
            if (client.isConnected()) {
                MqttProperties since = new MqttProperties();
                since.setUserProperties(List.of(new UserProperty("since", Instant.now().toString())));
                client.publish(statusTopic, new MqttMessage("offline".getBytes(StandardCharsets.US_ASCII), 1, true,
                    since)).waitForCompletion(Math.max(500, waitMillis / 2));
                client.disconnect(1000).waitForCompletion(1500);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", describe(e));
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", describe(e));
        }
        threads.shutdownNow();
    }

    static String describe(Throwable problem) {
        if (problem == null) {
            return "unknown reason";
        }
        Throwable cause = problem.getCause() != null ? problem.getCause() : problem;
        return problem.getMessage() + (cause != problem ? " (" + cause + ")" : "");
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            boolean wasConnected = connected;
            if (!running) {
                connected = false;
                return;
            }
            long now = System.nanoTime();
            // Paho gives the server's DISCONNECT reason as the return code or inside the exception; Mosquitto 2.0
            // often just closes the socket when another client takes the session, which reads as a plain loss
            boolean takenOver = response.getReturnCode() == SESSION_TAKEN_OVER
                || response.getException() != null && response.getException().getReasonCode() == SESSION_TAKEN_OVER;
            boolean quick = now - connectedAtNanos < QUICK_LOSS_NANOS;
            quickLosses = quick || takenOver ? quickLosses + 1 : 0;
            long waitS = waitAfterLossSeconds(quickLosses, takenOver);
            long waitNanos = TimeUnit.SECONDS.toNanos(waitS)
                + ThreadLocalRandom.current().nextLong(TimeUnit.SECONDS.toNanos(waitS) / 4 + 1);
            nextConnectAttemptNanos = now + waitNanos;
            connectBackoffS = (int) Math.min(MAX_CONNECT_BACKOFF_S, waitS * 2);
            // only now: the publisher thread connects as soon as it sees "not connected" and the wait is over, and it
            // would have read the wait of the last connect, long over, and tried at once while the broker was down
            connected = false;
            String reason = response.getReasonString() != null ? response.getReasonString()
                : describe(response.getException());
            if (takenOver || quickLosses >= 3) {
                lastProblem = (takenOver ? "session taken over" : "connection lost " + quickLosses
                    + " times in a row within a minute of connecting") + ": another client may use the client id '"
                    + settings.clientId() + "'";
                if (takenOverSaidNanos == 0 || now - takenOverSaidNanos > SAY_AGAIN_NANOS) {
                    takenOverSaidNanos = now;
                    LOG.error("the broker at {} keeps ending this gateway's connection soon after it starts ({}): if "
                        + "its log says the client '{}' is already connected, another gateway uses the same client "
                        + "id: two gateways share mqtt.clientId, or this storage folder was copied from another "
                        + "gateway (its installation-id file). Set a different mqtt.clientId or delete installation-id "
                        + "in one gateway's storage.dir. Trying again in {} s, longer each time",
                        settings.url(), reason, settings.clientId(), TimeUnit.NANOSECONDS.toSeconds(waitNanos));
                }
                return;
            }
            lastProblem = "lost the broker: " + reason;
            if (wasConnected) {
                LOG.warn("lost the MQTT broker at {}: {}; reconnecting, feedback waits meanwhile", settings.url(),
                    reason);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            lastProblem = describe(exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                onMessage.accept(topic, message);
            } catch (RuntimeException e) {
                LOG.warn("message on {} failed: {}", topic, e.toString()); // never let Paho's thread die
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            boolean again = connects.get() > 0;
            connectedAtNanos = System.nanoTime();
            connected = true;
            justConnected.set(true);
            LOG.info("{} the MQTT broker at {} as '{}'", again ? "reconnected to" : "connected to", serverUri,
                settings.clientId());
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
