package io.rollcoach.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.SocketFactory;

import io.rollcoach.gateway.command.Command;
import io.rollcoach.gateway.command.CommandException;
import io.rollcoach.gateway.command.CommandParser;
import io.rollcoach.gateway.command.CommandResult;
import io.rollcoach.gateway.command.CommandRouter;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.DirectBuffer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's MQTT side: one Paho MQTT 5 client, one publisher thread that drains the outbox into topics, and
 * commands from {@code <base>/<id>/cmd/#} routed to the rollers with an answer for each.
 *
 * <p>Nothing here can stall a roller: the engines write to the outbox and never wait. While the broker is away,
 * feedback, statuses and summaries wait in a bounded queue on the publisher thread (retained topics keep only
 * their latest value) and go out in order on reconnect; telemetry is dropped. When the queue fills, the oldest
 * feedback goes first, counted and logged once per outage. The Paho callback thread only parses commands and
 * queues; it never blocks or waits on a publish.
 */
public final class MqttGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttGateway.class);
    private static final int POLL_LIMIT = 256;
    private static final long COMMAND_TIMEOUT_S = 3;
    private static final int MAX_CONNECT_BACKOFF_S = 30;

    private final MqttSettings settings;
    private final Topics topics;
    private final Outbox.Subscription subscription;
    private final CommandRouter router;
    private final CommandParser parser = new CommandParser();
    private final HomeAssistantDiscovery discovery;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final Thread thread;
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** With messages held back (in flight limit, not connected), try again soon but not in a spin. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ConcurrentLinkedQueue<Pending> responses = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final Map<String, Pending> pendingRetained = new HashMap<>();
    private final Set<String> devices = new LinkedHashSet<>();
    private final Map<String, String[]> deviceTopics = new HashMap<>();

    private volatile boolean running = true;
    private volatile boolean connected;
    private final AtomicBoolean justConnected = new AtomicBoolean();
    private volatile boolean everConnected;
    private volatile boolean connecting;
    private long nextConnectAttemptNanos;
    private int connectBackoffS = 1;
    private boolean droppingLogged;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong droppedFeedback = new AtomicLong();
    private final AtomicLong droppedTelemetry = new AtomicLong();
    private final AtomicLong droppedAnswers = new AtomicLong();
    private final AtomicLong commandsAnswered = new AtomicLong();
    private volatile int pendingCount;
    private volatile String lastProblem = "";

    /** What a waiting message is: which counter a drop goes to, and whether it is retained. */
    private static final int STATE = 0; // retained: only its latest value waits, never dropped
    private static final int TELEMETRY = 1;
    private static final int FEEDBACK = 2;
    private static final int ANSWER = 3;

    /** A message on its way out. */
    private static final class Pending {
        final String topic;
        byte[] payload;
        final int qos;
        final boolean retained;
        final int kind;
        final MqttProperties properties;

        Pending(String topic, byte[] payload, int qos, int kind, MqttProperties properties) {
            this.topic = topic;
            this.payload = payload;
            this.qos = qos;
            this.retained = kind == STATE;
            this.kind = kind;
            this.properties = properties;
        }
    }

    public MqttGateway(MqttSettings settings, Outbox.Subscription subscription, CommandRouter router) {
        this.settings = settings;
        this.topics = new Topics(settings.baseTopic(), settings.gatewayId());
        this.subscription = subscription;
        this.router = router;
        this.discovery = settings.discovery() ? new HomeAssistantDiscovery(settings.discoveryPrefix(), topics) : null;
        PahoLogging.install();
        try {
            this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt.url '" + settings.url() + "': " + e.getMessage(), e);
        }
        this.options = connectionOptions(settings, topics);
        client.setCallback(new Callback());
        this.thread = new Thread(this::run, "mqtt-publisher");
        thread.setDaemon(true);
    }

    private static MqttConnectionOptions connectionOptions(MqttSettings settings, Topics topics) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, MAX_CONNECT_BACKOFF_S);
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

    public Topics topics() {
        return topics;
    }

    /** Starts connecting (retrying with backoff until the broker answers) and publishing. */
    public void start() {
        thread.start();
    }

    public boolean isConnected() {
        return connected;
    }

    /** Publishes a retained message under the gateway's own topics ({@code <base>/gateway/<gw>/<suffix>}). */
    public void publishGatewayRetained(String suffix, byte[] payload) {
        String topic = topics.gatewayStatus().substring(0, topics.gatewayStatus().length() - "status".length()) + suffix;
        responses.add(new Pending(topic, payload, 1, STATE, null));
    }

    /** Health figures for {@code status}. */
    public Map<String, Object> health() {
        Map<String, Object> health = new java.util.LinkedHashMap<>();
        health.put("broker", settings.url());
        health.put("connected", connected);
        health.put("waiting", pendingCount);
        health.put("published", published.get());
        health.put("droppedFeedback", droppedFeedback.get());
        health.put("droppedTelemetry", droppedTelemetry.get());
        health.put("droppedAnswers", droppedAnswers.get());
        health.put("commandsAnswered", commandsAnswered.get());
        health.put("lastProblem", lastProblem);
        return health;
    }

    // ------------------------------------------------------------------ publisher thread

    private void run() {
        while (running) {
            int work = 0;
            if (!everConnected && !connecting && System.nanoTime() >= nextConnectAttemptNanos) {
                connect();
            }
            if (justConnected.getAndSet(false)) {
                onConnected();
                work++;
            }
            work += subscription.poll(this::onOutbox, POLL_LIMIT);
            for (Pending response; (response = responses.poll()) != null; work++) {
                enqueue(response);
            }
            work += flush();
            pendingCount = pending.size();
            if (work == 0) {
                // nothing to do: sleep until the engines write (they wake us) or 5 ms pass (commands, reconnects)
                subscription.awaitMessages(pending.isEmpty() ? WAIT_NANOS : RETRY_NANOS);
            }
        }
    }

    private void connect() {
        connecting = true;
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    everConnected = true;
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

    private void onConnected() {
        try {
            client.subscribe(new MqttSubscription[] {new MqttSubscription(topics.commandFilter(), 1)}, null, null,
                new MqttProperties());
        } catch (MqttException e) {
            LOG.warn("cannot subscribe to {}: {}", topics.commandFilter(), describe(e));
        }
        Pending online = new Pending(topics.gatewayStatus(), "online".getBytes(StandardCharsets.US_ASCII), 1, STATE,
            null);
        pending.addFirst(online);
        pendingRetained.put(online.topic, online);
        for (String device : devices) {
            announce(device); // discovery configs are retained, but a broker without persistence forgot them
        }
    }

    private void onOutbox(int type, String device, DirectBuffer buffer, int offset, int length) {
        if (devices.add(device)) {
            announce(device);
        }
        String[] names = deviceTopics.computeIfAbsent(device, d -> new String[] {null,
            topics.roller(d, "feedback"), topics.roller(d, "telemetry"), topics.roller(d, "status"),
            topics.roller(d, "info"), topics.roller(d, "session"), topics.roller(d, "coach")});
        if (type == OutboxMessageType.TELEMETRY && !connected) {
            droppedTelemetry.incrementAndGet(); // stale by the time the broker is back
            return;
        }
        byte[] payload = new byte[length];
        buffer.getBytes(offset, payload);
        switch (type) {
            case OutboxMessageType.FEEDBACK -> enqueue(new Pending(names[1], payload, 1, FEEDBACK, null));
            case OutboxMessageType.TELEMETRY -> enqueue(new Pending(names[2], payload, settings.telemetryQos(), TELEMETRY,
                null));
            case OutboxMessageType.ROLLER_STATUS, OutboxMessageType.ROLLER_INFO, OutboxMessageType.SESSION,
                 OutboxMessageType.COACH ->
                enqueue(new Pending(names[type], payload, 1, STATE, null));
            default -> LOG.debug("outbox message of unknown type {} ignored", type);
        }
    }

    private void announce(String device) {
        if (discovery == null) {
            return;
        }
        for (Map.Entry<String, byte[]> config : discovery.configs(device).entrySet()) {
            enqueue(new Pending(config.getKey(), config.getValue(), 1, STATE, null));
        }
    }

    private void enqueue(Pending message) {
        if (message.retained) {
            Pending waiting = pendingRetained.get(message.topic);
            if (waiting != null) {
                waiting.payload = message.payload; // only the latest value of a retained topic matters
                return;
            }
            pendingRetained.put(message.topic, message);
        }
        if (pending.size() >= settings.bufferMessages()) {
            dropOldest();
        }
        pending.addLast(message);
    }

    /** Makes room: the oldest message that is not a retained state (while the broker is away, feedback mostly). */
    private void dropOldest() {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending oldest = it.next();
            if (!oldest.retained) {
                it.remove();
                AtomicLong counter = oldest.kind == FEEDBACK ? droppedFeedback
                    : oldest.kind == TELEMETRY ? droppedTelemetry : droppedAnswers;
                long dropped = counter.incrementAndGet();
                if (!droppingLogged) {
                    droppingLogged = true;
                    LOG.warn("MQTT buffer full ({} messages) while the broker is away: dropping the oldest feedback "
                        + "({} so far); raise mqtt.bufferMessages to keep more", settings.bufferMessages(), dropped);
                }
                return;
            }
        }
    }

    private int flush() {
        if (!connected) {
            return 0;
        }
        int sent = 0;
        while (!pending.isEmpty() && sent < POLL_LIMIT) {
            Pending next = pending.peekFirst();
            MqttMessage message = new MqttMessage(next.payload, next.qos, next.retained, next.properties);
            boolean sentOk = true;
            try {
                client.publish(next.topic, message);
            } catch (MqttException e) {
                sentOk = false;
                int code = e.getReasonCode();
                if (code == MqttClientCodes.MAX_INFLIGHT || code == MqttClientCodes.NOT_CONNECTED
                    || code == MqttClientCodes.CLIENT_DISCONNECTING || code == MqttClientCodes.CONNECT_IN_PROGRESS) {
                    break; // try again on the next turn; order is kept
                }
                LOG.warn("cannot publish to {}: {}; message dropped", next.topic, describe(e));
            }
            pending.pollFirst();
            if (next.retained) {
                pendingRetained.remove(next.topic, next);
            }
            if (sentOk) {
                published.incrementAndGet();
            }
            sent++;
        }
        if (pending.isEmpty()) {
            droppingLogged = false;
        }
        return sent;
    }

    // ------------------------------------------------------------------ commands (Paho's callback thread)

    private void onCommand(String topic, MqttMessage message) {
        String[] target = topics.parseCommand(topic);
        if (target == null || target[1].equals("result")) {
            return; // our own answers come back through the same filter
        }
        MqttProperties properties = message.getProperties();
        String replyTo = properties != null && properties.getResponseTopic() != null
            ? properties.getResponseTopic() : topics.roller(target[0], "cmd/result");
        byte[] correlation = properties == null ? null : properties.getCorrelationData();
        Command command;
        try {
            command = parser.parse(target[1], message.getPayload());
        } catch (CommandException e) {
            answer(replyTo, correlation, target[1], CommandResult.error(e.getMessage()));
            return;
        }
        router.submit(target[0], command)
            .orTimeout(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)
            .whenComplete((result, problem) -> answer(replyTo, correlation, target[1], problem == null ? result
                : CommandResult.error("the roller did not answer within " + COMMAND_TIMEOUT_S + " s")));
    }

    private void answer(String topic, byte[] correlation, String command, CommandResult result) {
        MqttProperties properties = null;
        if (correlation != null) {
            properties = new MqttProperties();
            properties.setCorrelationData(correlation);
        }
        responses.add(new Pending(topic, result.toJson(command).getBytes(StandardCharsets.UTF_8), 1, ANSWER,
            properties));
        commandsAnswered.incrementAndGet();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (connected) {
                LOG.warn("lost the MQTT broker at {}: {}; reconnecting, feedback waits meanwhile", settings.url(),
                    response.getReasonString() != null ? response.getReasonString() : describe(response.getException()));
            }
            connected = false;
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            lastProblem = describe(exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                onCommand(topic, message);
            } catch (RuntimeException e) {
                LOG.warn("command on {} failed: {}", topic, e.toString()); // never let Paho's thread die
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            everConnected = true;
            connected = true;
            justConnected.set(true);
            LOG.info("{} the MQTT broker at {}", reconnect ? "reconnected to" : "connected to", serverUri);
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    private static String describe(Throwable problem) {
        if (problem == null) {
            return "unknown reason";
        }
        Throwable cause = problem.getCause() != null ? problem.getCause() : problem;
        return problem.getMessage() + (cause != problem ? " (" + cause + ")" : "");
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Sends what is waiting (up to {@code waitMillis}), says the gateway is offline, and disconnects. Call after the
     * engines have said their rollers are offline.
     */
    public void close(long waitMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (connected && System.nanoTime() < deadline && (pendingCount > 0 || subscription.backlogBytes() > 0)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                client.publish(topics.gatewayStatus(), new MqttMessage("offline".getBytes(StandardCharsets.US_ASCII),
                    1, true, null)).waitForCompletion(Math.max(500, waitMillis / 2));
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
    }

    @Override
    public void close() {
        close(3000);
    }
}
