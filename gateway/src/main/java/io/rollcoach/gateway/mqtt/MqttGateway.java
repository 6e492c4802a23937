package io.rollcoach.gateway.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

import javax.net.SocketFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's MQTT side: one Paho MQTT 5 client, one publisher thread that drains the outbox into topics, and
 * commands from {@code <base>/<id>/cmd/#} of the rollers this gateway serves, routed to them with one answer each.
 *
 * <p>Several gateways share a broker: each subscribes only to its own rollers' command topics (a command is answered
 * once, by the gateway that has the roller), never reads its own answers as commands (no-local subscriptions and a
 * mark on every answer), and notices another gateway that claims its {@code gateway.id}. Every retained state it has
 * published (statuses, health, info, session, coach, discovery configs) goes out again on each (re)connect and when
 * Home Assistant says it is back online, so a broker restarted without persistence is never left stale.
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
    /** MQTT 5 DISCONNECT reason "session taken over": another client connected with our client id. */
    static final int SESSION_TAKEN_OVER = 0x8E;
    /** After a takeover, wait this long (plus up to 10 s of jitter) so two claimants never take turns every second. */
    private static final long TAKEN_OVER_WAIT_S = 30;
    private static final long SAY_AGAIN_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** A connection lost sooner than this after it started counts towards a longer wait before the next attempt. */
    private static final long QUICK_LOSS_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Home Assistant records every state change: the throttled {@code state} topic carries telemetry once a second. */
    private static final long STATE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SESSIONS_TODAY_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** The user property every answer carries, so no gateway ever takes an answer for a command. */
    static final UserProperty ANSWER_MARK = new UserProperty("rollcoach", "answer");
    private static final byte[] ONLINE = "online".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

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
    /** Publisher thread: the latest payload of every retained topic this gateway owns, sent again on each connect. */
    private final Map<String, byte[]> retainedState = new LinkedHashMap<>();
    /** Publisher thread: the rollers seen in the outbox, in the order they appeared. */
    private final Map<String, Roller> rollers = new LinkedHashMap<>();
    /** The rollers this gateway answers commands for; read on Paho's callback thread. */
    private final Set<String> served = ConcurrentHashMap.newKeySet();

    private volatile boolean running = true;
    private volatile boolean connected;
    private final AtomicBoolean justConnected = new AtomicBoolean();
    private final AtomicBoolean replayRequested = new AtomicBoolean();
    private final AtomicBoolean announceRequested = new AtomicBoolean();
    private volatile boolean connecting;
    private volatile long nextConnectAttemptNanos;
    private volatile int connectBackoffS = 1;
    private volatile long takenOverSaidNanos;
    private volatile long connectedAtNanos;
    private volatile int quickLosses;
    private volatile long conflictSaidNanos;
    private volatile String gatewayIdConflict = "";
    private volatile String configurationUrl;
    private ToIntFunction<String> sessionsTodayFromHistory;
    private Runnable onEachConnect = () -> { };
    private long nextSessionsTodayCheckNanos;
    private boolean droppingLogged;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong droppedFeedback = new AtomicLong();
    private final AtomicLong droppedTelemetry = new AtomicLong();
    private final AtomicLong droppedAnswers = new AtomicLong();
    private final AtomicLong commandsAnswered = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile int pendingCount;
    private volatile String lastProblem = "";

    /** What a waiting message is: which counter a drop goes to, and whether it is retained. */
    private static final int STATE = 0; // retained: only its latest value waits, never dropped
    private static final int TELEMETRY = 1;
    private static final int FEEDBACK = 2;
    private static final int ANSWER = 3;

    /** One roller's topics and what the publisher remembers about it. Publisher thread only. */
    private static final class Roller {
        final String id;
        /** Indexed by {@link OutboxMessageType}. */
        final String[] byType;
        final String state;
        final String lastSession;
        byte[] heldTelemetry;
        long nextStateNanos;
        String firmware;
        String serial;
        final Set<Long> startsToday = new HashSet<>();
        LocalDate day = LocalDate.now();
        int sessionsToday = -1;
        long reportedStartMs = -1;
        JsonNode last;
        boolean lastChanged;

        Roller(Topics topics, String id) {
            this.id = id;
            this.byType = new String[] {null, topics.roller(id, "feedback"), topics.roller(id, "telemetry"),
                topics.roller(id, "status"), topics.roller(id, "info"), topics.roller(id, "session"),
                topics.roller(id, "coach")};
            this.state = topics.roller(id, "state");
            this.lastSession = topics.roller(id, "last-session");
        }
    }

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
        this.discovery = settings.discovery() ? new HomeAssistantDiscovery(settings.discoveryPrefix(), topics, settings.gatewayId()) : null;
        PahoLogging.install();
        try {
            this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt.url '" + settings.url() + "': " + e.getMessage(), e);
        }
        this.options = connectionOptions(settings, topics);
        client.setCallback(new Callback());
        retainedState.put(topics.gatewayStatus(), ONLINE); // first on every connect
        if (discovery != null) {
            retainedState.putAll(discovery.gatewayConfigs(null));
        }
        this.thread = new Thread(this::run, "mqtt-publisher");
        thread.setDaemon(true);
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

    public Topics topics() {
        return topics;
    }

    /** Starts connecting (retrying with backoff until the broker answers) and publishing. */
    public void start() {
        thread.start();
    }

    /**
     * Where "sessions today" comes from when there is a history: sessions of a roller started since midnight. Without
     * it they are counted from the session messages of this run. Call before {@link #start()}.
     */
    public void sessionsTodayFrom(ToIntFunction<String> history) {
        this.sessionsTodayFromHistory = history;
    }

    /** The display's address as a phone on the LAN opens it: Home Assistant's "visit" link for each device. */
    public void configurationUrl(String url) {
        this.configurationUrl = url;
        announceRequested.set(true);
    }

    /**
     * Runs on the publisher thread after each (re)connect, e.g. to publish a fresh health at once rather than one
     * built while the broker was away. Must not block. Call before {@link #start()}.
     */
    public void onEachConnect(Runnable action) {
        this.onEachConnect = action;
    }

    /** The MQTT client id this gateway connects with. */
    public String clientId() {
        return settings.clientId();
    }

    public boolean isConnected() {
        return connected;
    }

    /** Publishes a retained message under the gateway's own topics ({@code <base>/gateway/<gw>/<suffix>}). */
    public void publishGatewayRetained(String suffix, byte[] payload) {
        responses.add(new Pending(topics.gateway(suffix), payload, 1, STATE, null));
    }

    /** Health figures for {@code status}. */
    public Map<String, Object> health() {
        Map<String, Object> health = new java.util.LinkedHashMap<>();
        health.put("broker", settings.url());
        health.put("clientId", settings.clientId());
        health.put("connected", connected);
        health.put("connects", connects.get());
        health.put("gatewayIdConflict", gatewayIdConflict);
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
            long now = System.nanoTime();
            if (!connected && !connecting && now - nextConnectAttemptNanos >= 0) {
                connect();
            }
            if (justConnected.getAndSet(false)) {
                onConnected();
                work++;
            }
            if (replayRequested.getAndSet(false) && connected) {
                replayRetained();
                work++;
            }
            if (announceRequested.getAndSet(false)) {
                announceAll();
                work++;
            }
            work += subscription.poll(this::onOutbox, POLL_LIMIT);
            for (Pending response; (response = responses.poll()) != null; work++) {
                if (response.retained) {
                    retainedState.put(response.topic, response.payload);
                }
                enqueue(response);
            }
            work += publishDueStates(now);
            if (now - nextSessionsTodayCheckNanos >= 0) {
                nextSessionsTodayCheckNanos = now + SESSIONS_TODAY_EVERY_NANOS;
                for (Roller roller : rollers.values()) {
                    publishLastSession(roller); // a new day starts at zero; the history may have caught up
                }
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
        connects.incrementAndGet();
        List<MqttSubscription> filters = new ArrayList<>();
        for (String device : rollers.keySet()) {
            filters.add(noLocal(topics.commandFilter(device)));
        }
        filters.add(noLocal(topics.gateway("health"))); // another gateway with our id shows itself here
        filters.add(noLocal(topics.gatewayStatus()));   // ... and its Last Will says offline over our online
        if (discovery != null) {
            filters.add(new MqttSubscription(settings.discoveryPrefix() + "/status", 1)); // Home Assistant's birth
        }
        subscribe(filters.toArray(new MqttSubscription[0]));
        replayRetained();
        onEachConnect.run();
    }

    /** Our own messages are not sent back to us: an answer whose topic lies under {@code cmd/} is never a command. */
    private static MqttSubscription noLocal(String filter) {
        MqttSubscription subscription = new MqttSubscription(filter, 1);
        subscription.setNoLocal(true);
        return subscription;
    }

    private void subscribe(MqttSubscription... filters) {
        if (!connected) {
            return; // subscribed on connect
        }
        try {
            client.subscribe(filters, null, null, new MqttProperties());
        } catch (MqttException e) {
            LOG.warn("cannot subscribe to {}: {}", filters[0].getTopic(), describe(e));
        }
    }

    /** Every retained state again, the gateway's {@code online} first: the broker may have forgotten them all. */
    private void replayRetained() {
        Pending online = new Pending(topics.gatewayStatus(), ONLINE, 1, STATE, null);
        Pending waiting = pendingRetained.get(online.topic);
        if (waiting != null) {
            pending.remove(waiting);
        }
        pending.addFirst(online);
        pendingRetained.put(online.topic, online);
        for (Map.Entry<String, byte[]> state : retainedState.entrySet()) {
            if (!state.getKey().equals(online.topic)) {
                enqueue(new Pending(state.getKey(), state.getValue(), 1, STATE, null));
            }
        }
    }

    private void onOutbox(int type, String device, DirectBuffer buffer, int offset, int length) {
        Roller roller = rollers.get(device);
        if (roller == null) {
            roller = new Roller(topics, device);
            rollers.put(device, roller);
            served.add(device);
            subscribe(noLocal(topics.commandFilter(device)));
            announce(roller);
            publishLastSession(roller);
        }
        if (type == OutboxMessageType.TELEMETRY && !connected) {
            droppedTelemetry.incrementAndGet(); // stale by the time the broker is back
            return;
        }
        byte[] payload = new byte[length];
        buffer.getBytes(offset, payload);
        switch (type) {
            case OutboxMessageType.FEEDBACK -> enqueue(new Pending(roller.byType[type], payload, 1, FEEDBACK, null));
            case OutboxMessageType.TELEMETRY -> {
                enqueue(new Pending(roller.byType[type], payload, settings.telemetryQos(), TELEMETRY, null));
                roller.heldTelemetry = payload;
            }
            case OutboxMessageType.ROLLER_STATUS, OutboxMessageType.COACH -> state(roller.byType[type], payload);
            case OutboxMessageType.ROLLER_INFO -> {
                state(roller.byType[type], payload);
                onInfo(roller, payload);
            }
            case OutboxMessageType.SESSION -> {
                state(roller.byType[type], payload);
                onSession(roller, payload);
            }
            default -> LOG.debug("outbox message of unknown type {} ignored", type);
        }
    }

    private void state(String topic, byte[] payload) {
        retainedState.put(topic, payload);
        enqueue(new Pending(topic, payload, 1, STATE, null));
    }

    /** The latest telemetry of each roller on its {@code state} topic, at most once a second. */
    private int publishDueStates(long now) {
        int sent = 0;
        for (Roller roller : rollers.values()) {
            if (roller.heldTelemetry != null && now - roller.nextStateNanos >= 0) {
                if (connected) {
                    enqueue(new Pending(roller.state, roller.heldTelemetry, 0, TELEMETRY, null));
                    sent++;
                }
                roller.heldTelemetry = null;
                roller.nextStateNanos = now + STATE_EVERY_NANOS;
            }
        }
        return sent;
    }

    /** Firmware and serial number go into the roller's device in Home Assistant once the roller has said them. */
    private void onInfo(Roller roller, byte[] payload) {
        JsonNode info = parse(payload);
        if (info == null) {
            return;
        }
        String firmware = info.hasNonNull("firmware") ? info.get("firmware").asText() : roller.firmware;
        String serial = info.hasNonNull("deviceId") ? info.get("deviceId").asText() : roller.serial;
        if (!java.util.Objects.equals(firmware, roller.firmware) || !java.util.Objects.equals(serial, roller.serial)) {
            roller.firmware = firmware;
            roller.serial = serial;
            announce(roller);
        }
    }

    /** Counts today's sessions and keeps the last finished one, for reminders ("no session today yet"). */
    private void onSession(Roller roller, byte[] payload) {
        JsonNode session = parse(payload);
        if (session == null || !session.hasNonNull("startedAtMs")) {
            return;
        }
        long startedAtMs = session.get("startedAtMs").asLong();
        boolean changed = false;
        if (LocalDate.ofInstant(Instant.ofEpochMilli(startedAtMs), ZoneId.systemDefault()).equals(LocalDate.now())) {
            changed = roller.startsToday.add(startedAtMs);
        }
        if (!session.path("active").asBoolean(true) && startedAtMs != roller.reportedStartMs) {
            roller.reportedStartMs = startedAtMs;
            ObjectNode last = JSON.createObjectNode();
            last.put("startedAt", Instant.ofEpochMilli(startedAtMs).toString());
            last.put("endedAt", Instant.now().toString());
            last.set("seconds", session.path("seconds"));
            last.set("score", session.hasNonNull("score") ? session.get("score") : null);
            last.set("person", session.hasNonNull("person") ? session.get("person") : null);
            roller.last = last;
            roller.lastChanged = true;
            changed = true;
        }
        if (changed) {
            publishLastSession(roller);
        }
    }

    /** {@code <base>/<id>/last-session}: sessions today and the last finished session, retained. */
    private void publishLastSession(Roller roller) {
        LocalDate today = LocalDate.now();
        if (!today.equals(roller.day)) {
            roller.day = today;
            roller.startsToday.clear();
        }
        int count = roller.startsToday.size();
        if (sessionsTodayFromHistory != null) {
            try {
                // the history writer may not yet have this run's newest session: the larger count is the truer one
                count = Math.max(count, sessionsTodayFromHistory.applyAsInt(roller.id));
            } catch (RuntimeException e) {
                LOG.debug("sessions today from the history: {}", e.toString());
            }
        }
        if (count == roller.sessionsToday && !roller.lastChanged) {
            return;
        }
        roller.sessionsToday = count;
        roller.lastChanged = false;
        ObjectNode message = JSON.createObjectNode();
        message.put("device", roller.id);
        message.put("day", today.toString());
        message.put("sessionsToday", count);
        message.set("last", roller.last);
        state(roller.lastSession, message.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode parse(byte[] payload) {
        if (payload == null) {
            return null;
        }
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }

    private void announce(Roller roller) {
        if (discovery == null) {
            return;
        }
        discovery.rollerConfigs(roller.id, roller.firmware, roller.serial, configurationUrl).forEach(this::state);
    }

    private void announceAll() {
        if (discovery == null) {
            return;
        }
        discovery.gatewayConfigs(configurationUrl).forEach(this::state);
        rollers.values().forEach(this::announce);
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
        // the bound is for what can be dropped: retained states wait as one value per topic, never dropped
        if (pending.size() - pendingRetained.size() >= settings.bufferMessages()) {
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

    private void onMessage(String topic, MqttMessage message) {
        if (topic.equals(topics.gateway("health"))) {
            onHealthOfOurId(message);
        } else if (topic.equals(topics.gatewayStatus())) {
            // another gateway with our id died and its Last Will said offline over our online: say it again
            if (!message.isRetained() && connected && "offline".equals(text(message))) {
                replayRequested.set(true);
            }
        } else if (discovery != null && topic.equals(settings.discoveryPrefix() + "/status")) {
            if ("online".equals(text(message))) {
                replayRequested.set(true); // Home Assistant (re)started: it wants the configs and states now
            }
        } else {
            onCommand(topic, message);
        }
    }

    private static String text(MqttMessage message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8).trim();
    }

    /** A live health message for our gateway id from another client: two gateways claim one id. */
    private void onHealthOfOurId(MqttMessage message) {
        if (message.isRetained()) {
            return; // what a gateway with this id left behind, perhaps this one before a restart
        }
        JsonNode health = parse(message.getPayload());
        String other = health == null ? "" : health.path("mqtt").path("clientId").asText("");
        if (other.isEmpty() || other.equals(settings.clientId())) {
            return;
        }
        gatewayIdConflict = other;
        long now = System.nanoTime();
        if (conflictSaidNanos == 0 || now - conflictSaidNanos > SAY_AGAIN_NANOS) {
            conflictSaidNanos = now;
            LOG.error("another gateway on {} also calls itself '{}' (its MQTT client is '{}', ours '{}'): its status, "
                + "health and Last Will overwrite ours. Give each gateway its own gateway.id in its config "
                + "(gateway: {{id: gym-pi-2}}); the host name is the default and every fresh Pi is 'raspberrypi'",
                settings.url(), settings.gatewayId(), other, settings.clientId());
        }
    }

    private void onCommand(String topic, MqttMessage message) {
        String[] target = topics.parseCommand(topic);
        if (target == null || !served.contains(target[0]) || target[1].equals("result")
            || target[1].startsWith("result/") || isAnswer(message)) {
            return; // another gateway's roller, or an answer (ours or another gateway's), never a command
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

    private static boolean isAnswer(MqttMessage message) {
        MqttProperties properties = message.getProperties();
        if (properties == null || properties.getUserProperties() == null) {
            return false;
        }
        for (UserProperty property : properties.getUserProperties()) {
            if (ANSWER_MARK.getKey().equals(property.getKey()) && ANSWER_MARK.getValue().equals(property.getValue())) {
                return true;
            }
        }
        return false;
    }

    private void answer(String topic, byte[] correlation, String command, CommandResult result) {
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(List.of(ANSWER_MARK));
        if (correlation != null) {
            properties.setCorrelationData(correlation);
        }
        responses.add(new Pending(topic, result.toJson(command).getBytes(StandardCharsets.UTF_8), 1, ANSWER,
            properties));
        commandsAnswered.incrementAndGet();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            boolean wasConnected = connected;
            connected = false;
            if (!running) {
                return;
            }
            long now = System.nanoTime();
            // Paho gives the server's DISCONNECT reason as the return code or inside the exception; Mosquitto 2.0
            // often just closes the socket when another client takes the session, which reads as a plain loss
            boolean takenOver = response.getReturnCode() == SESSION_TAKEN_OVER
                || response.getException() != null && response.getException().getReasonCode() == SESSION_TAKEN_OVER;
            boolean quick = now - connectedAtNanos < QUICK_LOSS_NANOS;
            quickLosses = quick || takenOver ? quickLosses + 1 : 0;
            // a connection that keeps dying young waits longer each time (2, 4, ... 30 s, with jitter): two clients
            // with one client id then take turns every half minute instead of every second
            long waitS = takenOver ? TAKEN_OVER_WAIT_S : quickLosses == 0 ? 1
                : Math.min(MAX_CONNECT_BACKOFF_S, 1L << Math.min(quickLosses, 5));
            long waitNanos = TimeUnit.SECONDS.toNanos(waitS)
                + ThreadLocalRandom.current().nextLong(TimeUnit.SECONDS.toNanos(waitS) / 4 + 1);
            nextConnectAttemptNanos = now + waitNanos;
            connectBackoffS = (int) Math.min(MAX_CONNECT_BACKOFF_S, waitS * 2);
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
                onMessage(topic, message);
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
                // when it stopped, for `rollcoach status`; the payload stays plain for Home Assistant's availability
                MqttProperties since = new MqttProperties();
                since.setUserProperties(List.of(new UserProperty("since", java.time.Instant.now().toString())));
                client.publish(topics.gatewayStatus(), new MqttMessage("offline".getBytes(StandardCharsets.US_ASCII),
                    1, true, since)).waitForCompletion(Math.max(500, waitMillis / 2));
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
