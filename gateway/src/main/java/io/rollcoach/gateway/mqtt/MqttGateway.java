package io.rollcoach.gateway.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.agent.AgentThreads;
import io.rollcoach.gateway.command.CommandRouter;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxHandler;
import io.rollcoach.gateway.outbox.OutboxIdleStrategy;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's MQTT side: one publisher agent ({@code mqtt-publisher}, woken by the engines' writes) that drains the
 * outbox into topics through a {@link PublishQueue}, one {@link BrokerConnection} (a Paho MQTT 5 client that connects
 * and reconnects), and the {@link CommandIntake} that takes commands from {@code <base>/<id>/cmd/#} of the rollers this
 * gateway serves and answers each once.
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
    static final String ROLE = "mqtt-publisher";
    private static final int POLL_LIMIT = 256;
    /** Home Assistant records every state change: the throttled {@code state} topic carries telemetry once a second. */
    private static final long STATE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SESSIONS_TODAY_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Nothing written: look again this soon anyway, for commands, answers and reconnects. */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** With messages held back (in flight limit, not connected), try again soon but not in a spin. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A duty cycle never blocks (publishing is asynchronous), so the publisher stops within a park. */
    private static final int CLOSE_WAIT_MS = 1000;
    private static final byte[] ONLINE = "online".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttSettings settings;
    private final Topics topics;
    private final Outbox.Subscription subscription;
    private final HomeAssistantDiscovery discovery;
    private final BrokerConnection connection;
    private final CommandIntake intake;
    private final PublishQueue queue;
    private final PublishQueue.Sender sender;
    private final OutboxHandler onOutbox = this::onOutbox;
    private final AgentErrors errors = new AgentErrors(ROLE);
    private final AgentRunner runner;

    /** Answers and the gateway's own retained messages, from any thread, for the publisher thread to queue. */
    private final ConcurrentLinkedQueue<OutgoingMessage> responses = new ConcurrentLinkedQueue<>();
    /** Publisher thread: the latest payload of every retained topic this gateway owns, sent again on each connect. */
    private final Map<String, byte[]> retainedState = new LinkedHashMap<>();
    /** Publisher thread: the rollers seen in the outbox, in the order they appeared. */
    private final Map<String, Roller> rollers = new LinkedHashMap<>();

    private final AtomicBoolean announceRequested = new AtomicBoolean();
    private volatile String configurationUrl;
    private ToIntFunction<String> sessionsTodayFromHistory;
    private Runnable onEachConnect = () -> { };
    private long nextSessionsTodayCheckNanos;
    private volatile int pendingCount;

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

    public MqttGateway(MqttSettings settings, Outbox.Subscription subscription, CommandRouter router) {
        this.settings = settings;
        this.topics = new Topics(settings.baseTopic(), settings.gatewayId());
        this.subscription = subscription;
        this.discovery = settings.discovery()
            ? new HomeAssistantDiscovery(settings.discoveryPrefix(), topics, settings.gatewayId()) : null;
        this.queue = new PublishQueue(settings.bufferMessages());
        this.connection = new BrokerConnection(settings, topics);
        this.intake = new CommandIntake(settings, topics, router, connection, responses);
        connection.onMessage(intake::onMessage);
        this.sender = connection::publish;
        retainedState.put(topics.gatewayStatus(), ONLINE); // first on every connect
        if (discovery != null) {
            retainedState.putAll(discovery.gatewayConfigs(null));
        }
        // Woken by the engines' writes; with nothing written it looks again within 5 ms, with messages held back
        // (in-flight limit, not connected) within 1 ms: soon, but not in a spin.
        this.runner = new AgentRunner(new OutboxIdleStrategy(subscription,
            () -> queue.isEmpty() ? WAIT_NANOS : RETRY_NANOS), errors, null, new PublisherAgent());
    }

    public Topics topics() {
        return topics;
    }

    /** Starts connecting (retrying with backoff until the broker answers) and publishing. */
    public void start() {
        AgentThreads.start(runner);
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
        return connection.isConnected();
    }

    /** Publishes a retained message under the gateway's own topics ({@code <base>/gateway/<gw>/<suffix>}). */
    public void publishGatewayRetained(String suffix, byte[] payload) {
        responses.add(OutgoingMessage.state(topics.gateway(suffix), payload));
    }

    /** The publisher agent's errors (counted, logged sparingly; it goes on). */
    public AgentErrors errors() {
        return errors;
    }

    /** Health figures for {@code status}. */
    public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("broker", settings.url());
        health.put("clientId", settings.clientId());
        health.put("connected", connection.isConnected());
        health.put("connects", connection.connects());
        health.put("gatewayIdConflict", intake.gatewayIdConflict());
        health.put("waiting", pendingCount);
        health.put("published", queue.published());
        health.put("droppedFeedback", queue.droppedFeedback());
        health.put("droppedTelemetry", queue.droppedTelemetry());
        health.put("droppedAnswers", queue.droppedAnswers());
        health.put("commandsAnswered", intake.commandsAnswered());
        health.put("lastProblem", connection.lastProblem());
        return health;
    }

    // ------------------------------------------------------------------ publisher thread

    /**
     * The publisher's duty cycle: connect when due, take in the outbox and the answers, flush what the broker takes.
     */
    private final class PublisherAgent implements Agent {
        @Override
        public int doWork() {
            int work = 0;
            long now = System.nanoTime();
            connection.connectIfDue(now);
            if (connection.takeJustConnected()) {
                onConnected();
                work++;
            }
            if (intake.takeReplayRequest() && connection.isConnected()) {
                replayRetained();
                work++;
            }
            if (announceRequested.getAndSet(false)) {
                announceAll();
                work++;
            }
            work += subscription.poll(onOutbox, POLL_LIMIT);
            for (OutgoingMessage response; (response = responses.poll()) != null; work++) {
                if (response.isRetained()) {
                    retainedState.put(response.topic, response.payload);
                }
                queue.add(response);
            }
            work += publishDueStates(now);
            if (now - nextSessionsTodayCheckNanos >= 0) {
                nextSessionsTodayCheckNanos = now + SESSIONS_TODAY_EVERY_NANOS;
                for (Roller roller : rollers.values()) {
                    publishLastSession(roller); // a new day starts at zero; the history may have caught up
                }
            }
            if (connection.isConnected()) {
                work += queue.flush(sender, POLL_LIMIT);
            }
            pendingCount = queue.size();
            return work;
        }

        @Override
        public String roleName() {
            return ROLE;
        }
    }

    private void onConnected() {
        intake.subscribeAll();
        replayRetained();
        onEachConnect.run();
    }

    /** Every retained state again, the gateway's {@code online} first: the broker may have forgotten them all. */
    private void replayRetained() {
        queue.addFirst(OutgoingMessage.state(topics.gatewayStatus(), ONLINE));
        for (Map.Entry<String, byte[]> state : retainedState.entrySet()) {
            if (!state.getKey().equals(topics.gatewayStatus())) {
                queue.add(OutgoingMessage.state(state.getKey(), state.getValue()));
            }
        }
    }

    private void onOutbox(int type, String device, DirectBuffer buffer, int offset, int length) {
        Roller roller = rollers.get(device);
        if (roller == null) {
            roller = new Roller(topics, device);
            rollers.put(device, roller);
            intake.serve(device);
            announce(roller);
            publishLastSession(roller);
        }
        if (type == OutboxMessageType.TELEMETRY && !connection.isConnected()) {
            queue.countTelemetryDroppedWhileAway(); // stale by the time the broker is back
            return;
        }
        byte[] payload = new byte[length];
        buffer.getBytes(offset, payload);
        switch (type) {
            case OutboxMessageType.FEEDBACK -> {
                queue.add(new OutgoingMessage(roller.byType[type], payload, 1, MessageKind.FEEDBACK, null));
                if (connection.isConnected()) {
                    // out at once, not after the session summary that often follows it is parsed: ~0.4 ms sooner
                    queue.flush(sender, POLL_LIMIT);
                }
            }
            case OutboxMessageType.TELEMETRY -> {
                queue.add(new OutgoingMessage(roller.byType[type], payload, settings.telemetryQos(),
                    MessageKind.TELEMETRY, null));
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
        queue.add(OutgoingMessage.state(topic, payload));
    }

    /** The latest telemetry of each roller on its {@code state} topic, at most once a second. */
    private int publishDueStates(long now) {
        int sent = 0;
        for (Roller roller : rollers.values()) {
            if (roller.heldTelemetry != null && now - roller.nextStateNanos >= 0) {
                if (connection.isConnected()) {
                    queue.add(new OutgoingMessage(roller.state, roller.heldTelemetry, 0, MessageKind.TELEMETRY, null));
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
        if (!Objects.equals(firmware, roller.firmware) || !Objects.equals(serial, roller.serial)) {
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
        if (startedAtMs <= 0) {
            return; // the summary of a roller with no session yet: nothing started, nothing to report as the last
        }
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

    static JsonNode parse(byte[] payload) {
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

    // ------------------------------------------------------------------ shutdown

    /**
     * Sends what is waiting (up to {@code waitMillis}), says the gateway is offline, and disconnects. Call after the
     * engines have said their rollers are offline.
     */
    public void close(long waitMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (connection.isConnected() && System.nanoTime() < deadline
            && (pendingCount > 0 || subscription.backlogBytes() > 0)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connection.stop();
        if (!AgentThreads.close(runner, CLOSE_WAIT_MS)) {
            LOG.warn("the MQTT publisher did not stop within {} ms; disconnecting anyway", CLOSE_WAIT_MS);
        }
        connection.closeSayingOffline(topics.gatewayStatus(), waitMillis);
    }

    @Override
    public void close() {
        close(3000);
    }
}
