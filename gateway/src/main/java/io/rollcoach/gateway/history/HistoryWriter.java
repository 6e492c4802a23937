package io.rollcoach.gateway.history;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes sessions as they go, on its own thread: each session summary (on every change and every 5 s) upserts the
 * session and its steps, so a power cut loses at most the last few seconds; warnings and trigger points come from
 * the feedback events. A database error is logged once and the batch retried; the thread never dies of it.
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_WAITING_EVENTS = 1000;

    private final HistoryStore store;
    private final Outbox.Subscription subscription;
    private final Thread thread;
    private final Map<String, Long> currentSession = new HashMap<>();
    private final Map<String, List<JsonNode>> waitingEvents = new HashMap<>();
    private final Map<String, String> captureFiles = new ConcurrentHashMap<>();
    private volatile java.util.function.Function<String, String> captureFileOf = device -> null;
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
    public void setCaptureFiles(java.util.function.Function<String, String> lookup) {
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
                        summary(connection, message.device(), message.json());
                    } else {
                        event(connection, message.device(), message.json());
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
                currentSession.clear(); // ids may have been rolled back; look them up again
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

    private void summary(Connection connection, String device, JsonNode s) throws SQLException {
        long startedAt = s.path("startedAtMs").asLong();
        int engineSession = s.path("session").asInt();
        if (engineSession == 0 || startedAt == 0) {
            return; // no session yet on this engine
        }
        long id = sessionId(connection, device, engineSession, startedAt, s);
        currentSession.put(device, id);
        JsonNode warnings = s.path("warnings");
        try (PreparedStatement update = connection.prepareStatement("UPDATE sessions SET status = ?, ended_at = ?, "
            + "person = ?, routine = ?, seconds = ?, strokes = ?, mean_stroke_mm = ?, mean_load_n = ?, mean_cadence = ?, "
            + "loaded_seconds = ?, points_done = ?, points_left_early = ?, warn_stroke = ?, warn_coverage = ?, "
            + "warn_load = ?, warn_cadence = ?, warn_hold = ?, warn_trigger_point = ?, warn_step = ?, summary_json = ?, "
            + "updated_at = ? WHERE id = ?")) {
            boolean active = s.path("active").asBoolean();
            long now = System.currentTimeMillis();
            int i = 1;
            update.setString(i++, active ? "active" : "done");
            if (active) {
                update.setNull(i++, java.sql.Types.INTEGER);
            } else {
                update.setLong(i++, startedAt + Math.round(s.path("seconds").asDouble() * 1000));
            }
            update.setString(i++, s.path("person").asText("default"));
            update.setString(i++, s.path("routine").asText(null));
            update.setDouble(i++, s.path("seconds").asDouble());
            update.setInt(i++, s.path("strokes").asInt());
            setNumber(update, i++, s.path("meanStrokeMm"));
            setNumber(update, i++, s.path("meanLoadN"));
            setNumber(update, i++, s.path("meanCadence"));
            update.setDouble(i++, s.path("loadedSeconds").asDouble());
            update.setInt(i++, s.path("triggerPoints").path("done").asInt());
            update.setInt(i++, s.path("triggerPoints").path("leftEarly").asInt());
            for (String rule : new String[] {"stroke", "coverage", "load", "cadence", "hold", "triggerPoint", "step"}) {
                update.setInt(i++, warnings.path(rule).asInt());
            }
            update.setString(i++, s.toString());
            update.setLong(i++, now);
            update.setLong(i, id);
            update.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM session_steps WHERE session_id = ?");
             PreparedStatement deleteTissues = connection.prepareStatement(
                 "DELETE FROM session_tissues WHERE session_id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
            deleteTissues.setLong(1, id);
            deleteTissues.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO session_steps (session_id, position, "
            + "step_id, title, kind, seconds, target, reps, done, skipped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (JsonNode step : s.path("steps")) {
                insert.setLong(1, id);
                insert.setInt(2, position++);
                insert.setString(3, step.path("id").asText());
                insert.setString(4, step.path("title").asText());
                insert.setString(5, step.path("kind").asText());
                insert.setDouble(6, step.path("seconds").asDouble());
                insert.setDouble(7, step.path("target").asDouble());
                if (step.has("reps")) {
                    insert.setInt(8, step.path("reps").asInt());
                } else {
                    insert.setNull(8, java.sql.Types.INTEGER);
                }
                insert.setInt(9, step.path("done").asBoolean() ? 1 : 0);
                insert.setInt(10, step.path("skipped").asBoolean() ? 1 : 0);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO session_tissues (session_id, "
            + "position, tissue_id, title, seconds, target, done) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (JsonNode tissue : s.path("tissues")) {
                insert.setLong(1, id);
                insert.setInt(2, position++);
                insert.setString(3, tissue.path("id").asText());
                insert.setString(4, tissue.path("title").asText());
                insert.setDouble(5, tissue.path("seconds").asDouble());
                insert.setDouble(6, tissue.path("target").asDouble());
                insert.setInt(7, tissue.path("done").asBoolean() ? 1 : 0);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        if (s.hasNonNull("bodyWeightKg") || s.has("units")) {
            try (PreparedStatement person = connection.prepareStatement("INSERT INTO people (name, body_weight_kg, "
                + "units) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET body_weight_kg = excluded.body_weight_kg, "
                + "units = excluded.units")) {
                person.setString(1, s.path("person").asText("default"));
                setNumber(person, 2, s.path("bodyWeightKg"));
                person.setString(3, s.path("units").asText("in"));
                person.executeUpdate();
            }
        }
        List<JsonNode> waiting = waitingEvents.remove(device);
        if (waiting != null) {
            for (JsonNode event : waiting) {
                insertEvent(connection, id, event);
            }
        }
    }

    private long sessionId(Connection connection, String device, int engineSession, long startedAt, JsonNode s)
        throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(
            "SELECT id FROM sessions WHERE roller = ? AND started_at = ? AND engine_session = ?")) {
            find.setString(1, device);
            find.setLong(2, startedAt);
            find.setInt(3, engineSession);
            try (ResultSet row = find.executeQuery()) {
                if (row.next()) {
                    return row.getLong(1);
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sessions (roller, engine_session, "
            + "started_at, status, person, capture_file, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?)",
            java.sql.Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, device);
            insert.setInt(2, engineSession);
            insert.setLong(3, startedAt);
            insert.setString(4, s.path("person").asText("default"));
            insert.setString(5, captureFiles.getOrDefault(device, captureFileOf.apply(device)));
            insert.setLong(6, System.currentTimeMillis());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void event(Connection connection, String device, JsonNode e) throws SQLException {
        String rule = e.path("rule").asText();
        String verdict = e.path("verdict").asText();
        boolean point = rule.equals("trigger-point") && (verdict.equals("done") || verdict.equals("left-early"));
        boolean kept = e.path("severity").asText().equals("warn") || rule.equals("session") || point;
        if (!kept) {
            return;
        }
        Long id = currentSession.get(device);
        if (id == null || (rule.equals("session") && verdict.equals("started"))) {
            // the summary naming the new session comes just after its first events: hold them till then
            List<JsonNode> waiting = waitingEvents.computeIfAbsent(device, d -> new ArrayList<>());
            if (rule.equals("session") && verdict.equals("started")) {
                currentSession.remove(device);
            }
            if (waiting.size() < MAX_WAITING_EVENTS) {
                waiting.add(e);
            }
            return;
        }
        insertEvent(connection, id, e);
    }

    private void insertEvent(Connection connection, long id, JsonNode e) throws SQLException {
        String rule = e.path("rule").asText();
        String verdict = e.path("verdict").asText();
        boolean point = rule.equals("trigger-point") && (verdict.equals("done") || verdict.equals("left-early"));
        try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO session_events (session_id, "
            + "n, t, rule, verdict, severity, step_id, value, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setLong(2, e.path("n").asLong());
            insert.setDouble(3, e.path("t").asDouble());
            insert.setString(4, rule);
            insert.setString(5, verdict);
            insert.setString(6, e.path("severity").asText());
            insert.setString(7, e.path("step").asText(null));
            setNumber(insert, 8, e.path("value"));
            insert.setString(9, e.path("message").asText());
            insert.executeUpdate();
        }
        if (point) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO trigger_points "
                + "(session_id, n, t, step_id, dwell_s, outcome) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, id);
                insert.setLong(2, e.path("n").asLong());
                insert.setDouble(3, e.path("t").asDouble());
                insert.setString(4, e.path("step").asText(null));
                setNumber(insert, 5, e.path("value"));
                insert.setString(6, verdict);
                insert.executeUpdate();
            }
        }
    }

    private static void setNumber(PreparedStatement statement, int index, JsonNode value) throws SQLException {
        if (value.isNumber()) {
            statement.setDouble(index, value.asDouble());
        } else {
            statement.setNull(index, java.sql.Types.REAL);
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
