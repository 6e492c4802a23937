package io.rollcoach.gateway.history;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.agent.AgentThreads;
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
 * Writes sessions as they go: an agent on its own thread ({@code history-writer}) drains its outbox ring in batches of
 * one transaction each, and {@link SessionRows} turns them into rows. It looks every 100 ms, never woken by an engine's
 * write (the event on its way to the display and MQTT goes first), so a busy gateway commits at most ten times a
 * second. Each session summary (on every change and every 5 s) upserts the session and its steps, so a power cut
 * loses at most the last few seconds; warnings and trigger points come from the feedback events. A database error is
 * logged once and the batch retried every 2 s; the thread never dies of it. Off the real-time path: it parses JSON and
 * allocates freely.
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE = "history-writer";
    private static final int MAX_BATCH = 4096;
    /** After a transaction the next batch gathers this long, whatever is written meanwhile: one transaction for it. */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The longest park without a write: also how soon a stop is seen. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int CLOSE_WAIT_MS = 5000;

    private final HistoryStore store;
    private final Outbox.Subscription subscription;
    private final AgentErrors errors = new AgentErrors(ROLE);
    private final OutboxIdleStrategy idle;
    private final AgentRunner runner;
    private final OutboxHandler onMessage = this::onMessage;
    private final Map<String, String> captureFiles = new ConcurrentHashMap<>();
    private volatile Function<String, String> captureFileOf = device -> null;
    private final SessionRows rows = new SessionRows(device -> captureFiles.getOrDefault(device,
        captureFileOf.apply(device)));
    private final List<Pending> batch = new ArrayList<>();
    private volatile long written;
    private boolean failing;
    private long retryAtNanos;
    private volatile boolean started;

    private record Pending(int type, String device, JsonNode json) {
    }

    public HistoryWriter(HistoryStore store, Outbox.Subscription subscription) {
        this.store = store;
        this.subscription = subscription;
        this.idle = new OutboxIdleStrategy(subscription, MAX_PARK_NANOS);
        this.runner = new AgentRunner(idle, errors, null, new WriterAgent());
    }

    public void start() {
        started = true;
        AgentThreads.start(runner);
    }

    /** The raw capture file in use for a roller, stored with its sessions that start afterwards. */
    public void setCaptureFile(String device, String fileName) {
        captureFiles.put(device, fileName);
    }

    /** Where to ask for a roller's capture file when none was set (a roller's name is known only after HELLO). */
    public void setCaptureFiles(Function<String, String> lookup) {
        captureFileOf = lookup;
    }

    public long written() {
        return written;
    }

    /** The writer agent's errors (counted, logged sparingly; it goes on). A failing database is not one of them. */
    public AgentErrors errors() {
        return errors;
    }

    /** The writer's duty cycle: gather what the ring holds, write it in one transaction, or wait out a failing disk. */
    private final class WriterAgent implements Agent {
        @Override
        public int doWork() {
            if (!batch.isEmpty() && System.nanoTime() - retryAtNanos < 0) {
                return 0; // the disk or database is in trouble: the batch waits for the next attempt
            }
            int read = subscription.poll(onMessage, MAX_BATCH);
            if (batch.isEmpty()) {
                // Never woken by a write: on two cores, a transaction started by an event's own write slowed the
                // event on its way to the display and MQTT. The history looks on its own, every 100 ms.
                idle.holdOff(GATHER_NANOS);
                return 0;
            }
            if (write()) {
                batch.clear();
                if (read == MAX_BATCH) {
                    return read; // a full batch: more is waiting, so no sleep
                }
                idle.holdOff(GATHER_NANOS);
                return 0;
            }
            retryAtNanos = System.nanoTime() + RETRY_NANOS;
            idle.holdOff(RETRY_NANOS); // the ring is not drained meanwhile: a wake per write would spin
            return 0;
        }

        /** What is left in the ring goes in one last transaction; then the sessions in progress are closed. */
        @Override
        public void onClose() {
            subscription.poll(onMessage, Integer.MAX_VALUE);
            if (!batch.isEmpty()) {
                write();
            }
            closeSessionsInProgress();
        }

        @Override
        public String roleName() {
            return ROLE;
        }
    }

    /** A clean stop says so now, rather than leaving it to the next start to find sessions left open. */
    private void closeSessionsInProgress() {
        try {
            int cut = store.closeSessionsInProgress();
            if (cut > 0) {
                LOG.info("history: {} session(s) in progress closed as cut short: the gateway is stopping", cut);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("history: cannot close the sessions in progress in {}: {}; the next start will", store.file(),
                e.getMessage());
        }
    }

    private void onMessage(int type, String device, DirectBuffer buffer, int offset, int length) {
        if (type != OutboxMessageType.SESSION && type != OutboxMessageType.FEEDBACK) {
            return;
        }
        try {
            batch.add(new Pending(type, device, JSON.readTree(buffer.getStringWithoutLengthAscii(offset, length))));
        } catch (IOException e) {
            LOG.warn("history: cannot read a {} message from {}: {}", OutboxMessageType.name(type), device,
                e.getMessage());
        }
    }

    private boolean write() {
        Connection connection = store.connection();
        synchronized (store) {
            try {
                connection.setAutoCommit(false);
                for (Pending message : batch) {
                    if (message.type() == OutboxMessageType.SESSION) {
                        rows.summary(connection, message.device(), message.json());
                    } else {
                        rows.event(connection, message.device(), message.json());
                    }
                }
                connection.commit();
                written += batch.size();
                if (failing) {
                    LOG.info("history: writing again to {}", store.file());
                    failing = false;
                }
                return true;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the next attempt starts a fresh transaction
                }
                if (!failing) {
                    LOG.error("history: cannot write to {}: {}; retrying every 2 s, sessions wait in memory",
                        store.file(), e.getMessage());
                    failing = true;
                }
                rows.forgetSessionIds();
                return false;
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // a broken connection is reported by the next write
                }
            }
        }
    }

    /** Stops the agent after its last transaction, waiting 5 s at most: a stuck disk must not hold up a stop. */
    @Override
    public void close() {
        if (!started) {
            return;
        }
        if (!AgentThreads.close(runner, CLOSE_WAIT_MS)) {
            LOG.warn("history: the writer did not stop within {} ms; the next start closes the sessions it left open",
                CLOSE_WAIT_MS);
        }
    }
}
