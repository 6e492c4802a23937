package io.rollcoach.gateway.service;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.broker.EmbeddedBroker;
import io.rollcoach.gateway.command.CommandRouter;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.config.GpioInputConfig;
import io.rollcoach.gateway.config.InputConfig;
import io.rollcoach.gateway.config.ReplayInputConfig;
import io.rollcoach.gateway.config.SerialInputConfig;
import io.rollcoach.gateway.config.SimulatedInputConfig;
import io.rollcoach.gateway.display.DisplayServer;
import io.rollcoach.gateway.display.DisplaySettings;
import io.rollcoach.gateway.history.HistoryHttp;
import io.rollcoach.gateway.history.HistoryStore;
import io.rollcoach.gateway.history.HistoryWriter;
import io.rollcoach.gateway.mqtt.MqttGateway;
import io.rollcoach.gateway.mqtt.MqttSettings;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.gateway.serial.SerialLinkConfig;
import io.rollcoach.gateway.speech.SpeechOutput;
import io.rollcoach.gateway.technique.SessionLedger;
import io.rollcoach.gateway.technique.TechniqueEngine;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway, wired from a {@link GatewayConfig}: the broker (embedded unless one is configured), one
 * engine and input per roller, the outbox, and its outputs (MQTT, console). Start it, then close it to shut down
 * cleanly: rollers and gateway say offline, waiting messages go out. Every loop is an agent on a thread named after
 * its roller or role; what one throws is counted in the health's {@code agentErrors} and it goes on.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HEALTH_EVERY_S = 10;

    /** One roller: its engine and where its data comes from. */
    public record Roller(TechniqueEngine engine, RollerInput input) {
    }

    private final GatewayConfig config;
    private final boolean takeFreePorts;
    private final PrintStream console;
    private final Outbox outbox = new Outbox(Outbox.DEFAULT_CAPACITY_BYTES);
    private final CommandRouter router = new CommandRouter();
    private final List<Roller> rollers = new ArrayList<>();
    private final List<AutoCloseable> outputs = new ArrayList<>();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gateway-health");
        thread.setDaemon(true);
        return thread;
    });
    private volatile EmbeddedBroker broker;
    /** The embedded broker starting on its own thread (HiveMQ takes most of a second even when warm); null: none. */
    private CompletableFuture<EmbeddedBroker> brokerStart;
    private String brokerUrl;
    private volatile String failure;
    /** Guarded by this: MQTT starts once both the gateway's start and the broker's are done. */
    private boolean mqttStartable;
    /** Housekeeping thread only. */
    private long lastHealthNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(HEALTH_EVERY_S);
    private boolean mqttStarted;
    private DisplayServer display;
    private HistoryStore history;
    private HistoryWriter historyWriter;
    private MqttGateway mqtt;
    private ConsoleOutput consoleOutput;
    private SpeechOutput speech;
    private StorageFolder storage;
    private SessionLedger ledger = SessionLedger.inMemory();
    private boolean closed;
    private WiredSensors wiredSensors = WiredSensors.onThePi();
    private boolean jitWarmUp;

    /**
     * @param takeFreePorts the demo's way: when the embedded broker's or the display's port is taken, take another
     * @param console          where to print a line per feedback event, or null
     */
    public Gateway(GatewayConfig config, boolean takeFreePorts, PrintStream console) {
        this.config = config;
        this.takeFreePorts = takeFreePorts;
        this.console = console;
    }

    /**
     * Plays built-in scenarios through a throwaway engine soon after the start, so that a person's first events go out
     * as quickly as later ones ({@link JitWarmUp}); what runs as a service and the demo want it, most tests do not.
     */
    public Gateway withJitWarmUp() {
        this.jitWarmUp = true;
        return this;
    }

    /** Tests: opens wired rollers' sensors with {@code sensors} instead of Pi4J on a Pi. Call before start. */
    public Gateway withWiredSensors(WiredSensors sensors) {
        this.wiredSensors = sensors;
        return this;
    }

    public Gateway start() throws IOException {
        // first, before the folder or the broker is touched: a second gateway on this folder stops here
        storage = StorageFolder.claim(config.storage().dir(), config.gatewayId());
        MqttSettings mqttSettings = config.mqtt();
        if (mqttSettings == null) {
            // The port is known (and checked free) now; the broker comes up beside the rest, and MQTT connects once
            // it is up: until then the outbox keeps what the engines write.
            String bind = config.broker().bindAddress();
            int port = EmbeddedBroker.choosePort(bind, config.broker().port(), takeFreePorts);
            brokerStart = new CompletableFuture<>();
            Thread starter = new Thread(() -> {
                try {
                    brokerStart.complete(EmbeddedBroker.start(bind, port));
                } catch (IOException | RuntimeException | LinkageError e) {
                    brokerStart.completeExceptionally(e);
                }
            }, "broker-start");
            starter.setDaemon(true);
            starter.start();
            brokerStart.whenComplete(this::onBrokerStarted);
            mqttSettings = MqttSettings.of(EmbeddedBroker.urlFor(port), config.gatewayId());
        }
        brokerUrl = mqttSettings.url();
        Outbox.Subscription mqttSubscription = outbox.subscribe("mqtt");
        Outbox.Subscription consoleSubscription = console == null ? null : outbox.subscribe("console");
        Outbox.Subscription displaySubscription = config.display().enabled() ? outbox.subscribe("display") : null;
        Outbox.Subscription speechSubscription = config.speech().enabled()
            ? outbox.subscribe("speech", SpeechOutput.messageTypes()) : null;
        // SQLite's native library and the schema check take a fifth of a second at start: beside MQTT's connect,
        // not before it. The engines wait for the history (it holds the daily limit), MQTT does not.
        CompletableFuture<HistoryStore> historyOpening = config.storage().history()
            ? openHistoryBeside(config.storage().database()) : null;
        mqtt = new MqttGateway(mqttSettings.withInstallation(storage.installationId()), mqttSubscription, router);
        if (historyOpening != null) {
            mqtt.sessionsTodayFrom(device -> historyOpening.join().sessionsToday(device));
        }
        // the health built before the broker answered says "disconnected" for ten seconds: send a fresh one
        mqtt.onEachConnect(() -> {
            try {
                housekeeping.execute(this::publishHealth);
            } catch (RejectedExecutionException stopping) {
                // closing: no more health
            }
        });
        if (brokerStart == null) {
            mqtt.start(); // an external broker; the embedded one starts MQTT once it is up (onBrokerStarted)
        }
        if (historyOpening != null) {
            history = opened(historyOpening);
            ledger = history;
            historyWriter = new HistoryWriter(history, outbox.subscribe("history", OutboxMessageType.SESSION,
                OutboxMessageType.FEEDBACK));
        }
        for (InputConfig input : config.inputs()) {
            rollers.add(roller(input));
        }
        if (displaySubscription != null) {
            display = startDisplay(displaySubscription);
            outputs.add(display);
            mqtt.configurationUrl(LanAddress.url(config.display().bindAddress(), display.url()));
        }
        if (historyWriter != null) {
            historyWriter.setCaptureFiles(device -> rollers.stream()
                .filter(r -> r.engine().deviceName().equals(device) && r.input() instanceof SerialInput s
                    && s.capturePath() != null)
                .map(r -> ((SerialInput) r.input()).capturePath().toString()).findFirst().orElse(null));
            historyWriter.start();
        }
        if (speechSubscription != null) {
            speech = new SpeechOutput(config.speech(), speechSubscription).start();
            outputs.add(speech);
        }
        if (consoleSubscription != null) {
            consoleOutput = new ConsoleOutput(consoleSubscription, console);
            consoleOutput.start();
            outputs.add(consoleOutput);
        }
        for (Roller roller : rollers) {
            roller.input().start();
            LOG.info("roller input: {}", roller.input().describe());
        }
        housekeeping.scheduleAtFixedRate(this::healthTick, 1, 1, TimeUnit.SECONDS);
        synchronized (this) {
            mqttStartable = true;
            startMqttOnceBrokerIsUp();
        }
        if (jitWarmUp && !rollers.isEmpty()) {
            new JitWarmUp(config.technique(), config.routine()).startInBackground();
        }
        return this;
    }

    private static CompletableFuture<HistoryStore> openHistoryBeside(Path database) {
        CompletableFuture<HistoryStore> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opening.complete(HistoryStore.open(database));
            } catch (RuntimeException | LinkageError e) {
                opening.completeExceptionally(e);
            }
        }, "history-open");
        opener.setDaemon(true);
        opener.start();
        return opening;
    }

    /** The history once open; what failed to open it is thrown as it was, as if it had been opened here. */
    private static HistoryStore opened(CompletableFuture<HistoryStore> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof LinkageError cause) {
                throw cause;
            }
            throw e;
        }
    }

    private synchronized void onBrokerStarted(EmbeddedBroker started, Throwable problem) {
        if (problem != null) {
            failure = problem.getMessage();
            LOG.error("{}", failure);
        } else if (closed) {
            started.close();
        } else {
            broker = started;
            startMqttOnceBrokerIsUp();
        }
    }

    private void startMqttOnceBrokerIsUp() {
        if (mqttStartable && !mqttStarted && broker != null) {
            mqttStarted = true;
            mqtt.start();
        }
    }

    /**
     * Why the gateway cannot go on, found after {@link #start()} returned (the embedded broker did not start), or
     * null. Whoever runs the gateway checks it and stops with an error: never a process that serves nothing.
     */
    public String failure() {
        return failure;
    }

    /**
     * Waits (at most {@code timeoutMs}) until the embedded broker accepts clients; at once when there is none.
     *
     * @return false if it did not start in time or failed
     */
    public boolean awaitBroker(long timeoutMs) {
        if (brokerStart == null) {
            return true;
        }
        try {
            brokerStart.get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private Roller roller(InputConfig input) throws IOException {
        CueSender cues = new CueSender();
        TechniqueEngine engine = new TechniqueEngine(config.technique(), config.routine(), outbox, cues, ledger,
            input.topicName());
        engine.selectPerson(config.person());
        RollerInput source;
        if (input instanceof SimulatedInputConfig simulated) {
            // each simulated roller its own device id, so several have their own topic trees
            source = new SimulatedInput(ScenarioLibrary.load(simulated.scenario()), SimOptions.defaults()
                .withDeviceId(SimOptions.DEFAULT_DEVICE_ID + rollers.size()).withSeed(1 + rollers.size()),
                simulated.speed(), simulated.loop(), engine);
        } else if (input instanceof ReplayInputConfig replay) {
            source = new ReplayInput(replay.capture(), replay.speed(), engine);
        } else if (input instanceof SerialInputConfig serial) {
            source = new SerialInput(new SerialLinkConfig(serial.port(), serial.baud()), engine,
                serial.capture() && config.storage().captures() ? config.storage().captureDir() : null,
                serial.label(), (long) config.storage().capturesMaxMb() << 20);
        } else if (input instanceof GpioInputConfig gpio) {
            source = new GpioInput(gpio, engine, wiredSensors);
        } else {
            throw new IllegalStateException("no input for " + input); // InputConfig is sealed: never
        }
        cues.input(source);
        router.register(engine::deviceName, engine);
        return new Roller(engine, source);
    }

    private DisplayServer startDisplay(Outbox.Subscription subscription) throws IOException {
        GatewayConfig.DisplayConfig settings = config.display();
        DisplayServer server = new DisplayServer(new DisplaySettings(settings.bindAddress(), settings.port(),
            settings.pin(), settings.speech()), subscription, router);
        server.addHandler("/api/health", this::serveHealth);
        if (history != null) {
            new HistoryHttp(history).handlers().forEach(server::addHandler);
        }
        try {
            server.start();
            return server;
        } catch (BindException e) {
            if (!takeFreePorts) {
                throw new IOException("display port " + settings.port() + " on " + settings.bindAddress()
                    + " is already in use; set display.port (or --http-port) to another", e);
            }
            DisplayServer elsewhere = new DisplayServer(new DisplaySettings(settings.bindAddress(), 0, settings.pin(),
                settings.speech()), subscription, router);
            elsewhere.addHandler("/api/health", this::serveHealth);
            if (history != null) {
                new HistoryHttp(history).handlers().forEach(elsewhere::addHandler);
            }
            elsewhere.start();
            return elsewhere;
        }
    }

    private void serveHealth(HttpExchange exchange) throws IOException {
        byte[] body = JSON.writeValueAsBytes(health());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The display's address, or null when it is off. */
    public String displayUrl() {
        return display == null ? null : display.url();
    }

    public List<Roller> rollers() {
        return List.copyOf(rollers);
    }

    public CommandRouter router() {
        return router;
    }

    public Outbox outbox() {
        return outbox;
    }

    /**
     * The broker clients should use: the embedded one's URL or the configured one. Waits (up to 30 s) for the embedded
     * broker to accept clients; {@link #brokerAddress()} does not.
     */
    public String brokerUrl() {
        awaitBroker(30_000);
        return brokerUrl;
    }

    /** The broker's URL, known from the start, whether or not the embedded broker is up yet. */
    public String brokerAddress() {
        return brokerUrl;
    }

    public String baseTopic() {
        return mqtt.topics().base();
    }

    /** Everything the health view shows: each roller's link and data, MQTT, outbox, the agents' errors. */
    public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("gateway", config.gatewayId());
        health.put("at", Instant.now().toString()); // `status` says "offline since about" from the last one
        List<Map<String, Object>> rollerHealth = new ArrayList<>();
        for (Roller roller : rollers) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("roller", roller.engine().deviceName());
            one.put("session", roller.engine().sessionActive() ? "active" : "none");
            one.putAll(roller.input().health());
            rollerHealth.add(one);
        }
        health.put("rollers", rollerHealth);
        health.put("mqtt", mqtt.health());
        if (display != null) {
            health.put("display", display.health());
        }
        Map<String, Object> outputsHealth = new LinkedHashMap<>();
        for (Outbox.Subscription subscription : outbox.subscriptions()) {
            outputsHealth.put(subscription.outputName(), Map.of("backlogBytes", subscription.backlogBytes(),
                "dropped", subscription.dropped()));
        }
        health.put("outbox", outputsHealth);
        health.put("agentErrors", agentErrors());
        return health;
    }

    /** Errors counted by each agent since the start, by role name (its thread's name); all zero when all is well. */
    private Map<String, Long> agentErrors() {
        List<AgentErrors> agents = new ArrayList<>();
        for (Roller roller : rollers) {
            agents.addAll(roller.input().agentErrors());
        }
        if (mqtt != null) {
            agents.add(mqtt.errors());
        }
        if (display != null) {
            agents.add(display.relayErrors());
        }
        if (historyWriter != null) {
            agents.add(historyWriter.errors());
        }
        if (consoleOutput != null) {
            agents.add(consoleOutput.errors());
        }
        if (speech != null) {
            agents.addAll(speech.errors());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (AgentErrors agent : agents) {
            String key = agent.roleName();
            for (int n = 2; counts.containsKey(key); n++) {
                key = agent.roleName() + " #" + n; // two rollers playing the same scenario
            }
            counts.put(key, agent.count());
        }
        return counts;
    }

    /** Every {@link #HEALTH_EVERY_S} s (and at each connect: see start). */
    private void healthTick() {
        long now = System.nanoTime();
        if (now - lastHealthNanos >= TimeUnit.SECONDS.toNanos(HEALTH_EVERY_S)) {
            lastHealthNanos = now;
            publishHealth();
        }
    }

    private void publishHealth() {
        try {
            mqtt.publishGatewayRetained("health", JSON.writeValueAsString(health()).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("health: {}", e.toString());
        }
    }

    @Override
    public void close() {
        close(false);
    }

    /**
     * Closes as {@link #close()} does, for a JVM that exits next (Ctrl-C, SIGTERM): the embedded broker gets half a
     * second instead of its orderly stop of seconds, so that the gateway ends within about a second.
     */
    public void closeForExit() {
        close(true);
    }

    private synchronized void close(boolean exiting) {
        if (closed) {
            return;
        }
        closed = true;
        housekeeping.shutdownNow();
        for (Roller roller : rollers) {
            roller.input().close();
            roller.engine().shutdown();
        }
        if (mqtt != null) {
            mqtt.close(3000);
        }
        for (AutoCloseable output : outputs) {
            try {
                output.close();
            } catch (Exception e) {
                LOG.debug("closing an output: {}", e.toString());
            }
        }
        if (historyWriter != null) {
            historyWriter.close();
        }
        if (history != null) {
            history.close();
        }
        if (brokerStart != null) {
            // a broker still starting is closed by onBrokerStarted once it is up; one up is closed here
            EmbeddedBroker up = broker;
            if (up != null) {
                up.close(exiting ? 500 : 10_000);
            }
        }
        if (storage != null) {
            storage.close();
        }
    }
}
