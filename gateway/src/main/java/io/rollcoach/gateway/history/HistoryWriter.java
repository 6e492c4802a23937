package io.rollcoach.gateway.history;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes sessions as they go, on its own thread ({@code history-writer}), draining its outbox ring in batches of one
 * transaction each; the rows themselves are {@link SessionRows}'. Each session summary (on every change and every 5 s) upserts the
 * session and its steps, so a power cut loses at most the last few seconds; warnings and trigger points come from
 * the feedback events. A database error is logged once and the batch retried; the thread never dies of it.
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HistoryStore store;
    private final Outbox.Subscription subscription;
    private final Thread thread;
    private final Map<String, String> captureFiles = new ConcurrentHashMap<>();
    private volatile Function<String, String> captureFileOf = device -> null;
    private final SessionRows rows = new SessionRows(device -> captureFiles.getOrDefault(device,
        captureFileOf.apply(device)));
    private final List<Pending> batch = new ArrayList<>();
    private volatile boolean running = true;
    private volatile long written;
    private boolean failing;

    private record Pending(int type, String device, JsonNode json) {
    }

    public HistoryWriter(HistoryStore store, Outbox.Subscription subscription) {
        this.store = store;
        this.subscription = subscription;
        this.thread = new Thread(this::run, "history-writer");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
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

    private void run() {
        while (running) {
            int read = subscription.poll(this::onMessage, 4096);
            if (batch.isEmpty()) {
                sleep(100);
                continue;
            }
            if (write()) {
                batch.clear();
                if (read < 4096) {
                    sleep(100); // caught up: gather the next batch; one transaction per batch
                }
            } else {
                sleep(2000); // the disk or database is in trouble: keep the batch and try again
            }
        }
        subscription.poll(this::onMessage, Integer.MAX_VALUE);
        if (!batch.isEmpty()) {
            write();
        }
        closeSessionsInProgress();
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
