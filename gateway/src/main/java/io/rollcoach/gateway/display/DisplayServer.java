package io.rollcoach.gateway.display;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.agent.AgentThreads;
import io.rollcoach.gateway.command.CommandRouter;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxIdleStrategy;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paired display: the JDK's HTTP server with the overview ({@code /}), a live page per roller
 * ({@code /roller/<id>}), Server-Sent Events ({@code /events}), the command API ({@code /api/rollers}) and the
 * page's assets ({@code /display/}). One {@code display-relay} thread drains the outbox; each open page holds one
 * {@code display-http} thread. Start, use and close from one thread; {@link #health()} from any.
 */
public final class DisplayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DisplayServer.class);
    /** HTTP threads at most: a thread per open page (capped by {@link EventStream#MAX_CLIENTS}) plus requests. */
    static final int MAX_HTTP_THREADS = EventStream.MAX_CLIENTS + 8;
    /** The JDK HTTP server's switch for TCP_NODELAY on its connections. */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    /** The relay's longest sleep when nothing is written: closed pages are let go within this. */
    static final long RELAY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** The relay never blocks: it stops within one park. */
    private static final int RELAY_CLOSE_WAIT_MS = 1000;

    private final DisplaySettings settings;
    private final Outbox.Subscription subscription;
    private final DisplayRelay relay;
    private final EventStream events;
    private final Map<String, HttpHandler> handlers = new LinkedHashMap<>();
    private final AgentErrors relayErrors;
    private HttpServer server;
    private ExecutorService executor;
    private AgentRunner relayRunner;

    public DisplayServer(DisplaySettings settings, Outbox.Subscription subscription, CommandRouter router) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(router, "router");
        this.relay = new DisplayRelay(subscription, settings);
        this.relayErrors = new AgentErrors(relay.roleName());
        this.events = new EventStream(relay);
        StaticAssets assets = new StaticAssets();
        CommandApi api = new CommandApi(router, relay, settings.pin());
        handlers.put("/", new Pages(router, relay, assets, () -> handlers.containsKey("/history")));
        handlers.put("/events", events);
        handlers.put(CommandApi.PREFIX, api);
        handlers.put(StaticAssets.PREFIX, assets);
    }

    /** Binds and starts serving; port 0 takes any free port (see {@link #port()}). */
    public void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("the display is already started");
        }
        // The JDK's server leaves Nagle on unless told: a small event written while the page has not yet
        // acknowledged the one before would wait for its delayed ACK. Read when the first server starts.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 16);
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, MAX_HTTP_THREADS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread thread = new Thread(r, "display-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        http.setExecutor(pool);
        for (Map.Entry<String, HttpHandler> entry : handlers.entrySet()) {
            http.createContext(entry.getKey(), entry.getValue());
        }
        // Woken by the outbox when an engine writes, as the MQTT publisher is: no back-off between a sample and
        // its event on the page, and no polling while nothing happens.
        relayRunner = new AgentRunner(new OutboxIdleStrategy(subscription, RELAY_WAIT_NANOS), relayErrors, null, relay);
        http.start();
        AgentThreads.start(relayRunner);
        server = http;
        executor = pool;
        LOG.info("display listening on {} port {}{}", settings.bindAddress(), port(),
            settings.isPinRequired() ? " (commands need the PIN)" : "");
    }

    /** The port bound, once started. */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("the display is not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://<host>:<port>/}; a page on this machine reaches an any-address bind through 127.0.0.1. */
    public String url() {
        String host = settings.bindAddress();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port() + "/";
    }

    /** Adds a page, e.g. the history; before or after {@link #start()}. */
    public void addHandler(String path, HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (path == null || !path.startsWith("/") || handlers.containsKey(path)) {
            throw new IllegalArgumentException("display handler path must start with / and be new, was " + path);
        }
        handlers.put(path, handler);
        if (server != null) {
            server.createContext(path, handler);
        }
    }

    /** Pages connected, messages queued to pages, dropped for slow pages, and the outbox's own drops. */
    public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("clients", relay.connected());
        health.put("messagesRelayed", relay.relayed());
        health.put("messagesDropped", relay.dropped());
        health.put("clientsClosedSlow", relay.closedSlow());
        health.put("outboxDropped", subscription.dropped());
        health.put("outboxDroppedFeedback", subscription.droppedFeedback());
        health.put("relayErrors", relayErrors.count());
        return health;
    }

    /** The relay agent's errors (counted, logged sparingly; it goes on). */
    public AgentErrors relayErrors() {
        return relayErrors;
    }

    /** For tests: told of each message, on the relay thread, just after it was queued for the pages. */
    void afterRelay(BiConsumer<String, String> observer) {
        relay.afterRelay = observer;
    }

    @Override
    public void close() {
        events.close();
        if (relayRunner != null && !AgentThreads.close(relayRunner, RELAY_CLOSE_WAIT_MS)) {
            // DisplayRelay.onClose closes every page's stream; the server's stop below ends them all the same
            LOG.warn("the display relay did not stop within {} ms", RELAY_CLOSE_WAIT_MS);
        }
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
