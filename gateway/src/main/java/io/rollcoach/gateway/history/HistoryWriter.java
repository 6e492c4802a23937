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
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.gateway.outbox.OutboxHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes sessions as they go: an agent on its own thread ({@code history-writer}) drains its outbox ring in batches of
 * one transaction each, and {@link SessionRows} turns them into rows. Each session summary (on every change and every
 * 5 s) upserts the session and its steps, so a power cut loses at most the last few seconds; warnings and trigger
 * points come from the feedback events. A database error is logged once and the batch retried every 2 s; the thread
 * never dies of it. Off the real-time path: it parses JSON and allocates freely.
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BATCH = 4096;
    /** Caught up, the agent sleeps this long: the next batch gathers meanwhile, one transaction for it all. */
    private static final long IDLE_MS = 100;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int CLOSE_WAIT_MS = 5000;

    private final HistoryStore store;
    private final Outbox.Subscription subscription;
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
        this.runner = new AgentRunner(new SleepingMillisIdleStrategy(IDLE_MS),
            problem -> LOG.error("history: {}", problem.toString(), problem), null, new WriterAgent());
    }

    public void start() {
        started = true;
        AgentRunner.startOnThread(runner, work -> {
            Thread thread = new Thread(work, "history-writer");
            thread.setDaemon(true);
            return thread;
        });
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

    /** The writer's duty cycle: gather what the ring holds, write it in one transaction, or wait out a failing disk. */
    private final class WriterAgent implements Agent {
        @Override
        public int doWork() {
            if (!batch.isEmpty() && System.nanoTime() - retryAtNanos < 0) {
                return 0; // the disk or database is in trouble: the batch waits for the next attempt
            }
            int read = subscription.poll(onMessage, MAX_BATCH);
            if (batch.isEmpty()) {
                return read;
            }
            if (write()) {
                batch.clear();
                // a full batch: more is waiting, so no sleep; else the idle strategy gathers the next batch
                return read == MAX_BATCH ? read : 0;
            }
            retryAtNanos = System.nanoTime() + RETRY_NANOS;
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
            return "history-writer";
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
        try {
            runner.close(CLOSE_WAIT_MS, thread -> {
                throw new StillWriting();
            });
        } catch (StillWriting e) {
            LOG.warn("history: the writer did not stop within {} ms; the next start closes the sessions it left open",
                CLOSE_WAIT_MS);
        }
    }

    /** Ends the wait in {@link #close()}: AgentRunner would otherwise wait for its agent for ever. */
    private static final class StillWriting extends RuntimeException {
        StillWriting() {
            super("still writing", null, false, false);
        }
    }
}
