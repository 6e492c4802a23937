package io.rollcoach.gateway.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/**
 * A session's rows in SQLite, from the engine's JSON: its summary upserts the session, its steps, tissues and person;
 * its feedback events that matter later (warnings, the session's own, trigger points done or left early) become
 * event and trigger-point rows. Events that come before the summary naming their session wait for it.
 *
 * <p>The history writer's thread only, inside the transaction it opens.
 */
final class SessionRows {
    private static final int MAX_WAITING_EVENTS = 1000;
    /** The keys of a summary's {@code warnings}, in the order of the {@code warn_*} columns. */
    private static final String[] WARNING_KEYS = {"stroke", "coverage", "load", "cadence", "hold", "triggerPoint",
        "step"};

    private final Map<String, Long> currentSession = new HashMap<>();
    private final Map<String, List<JsonNode>> waitingEvents = new HashMap<>();
    private final Function<String, String> captureFileOf;

    /** @param captureFileOf the raw capture file of a roller, stored with a session when it starts; may give null */
    SessionRows(Function<String, String> captureFileOf) {
        this.captureFileOf = captureFileOf;
    }

    /** After a rollback: the session ids this remembers may be gone, so they are looked up again. */
    void forgetSessionIds() {
        currentSession.clear();
    }

    /** Upserts the session a summary describes, its steps, tissues and person, and the events that waited for it. */
    void summary(Connection connection, String device, JsonNode s) throws SQLException {
        long startedAt = s.path("startedAtMs").asLong();
        int engineSession = s.path("session").asInt();
        if (engineSession == 0 || startedAt == 0) {
            return; // no session yet on this engine
        }
        long id = sessionId(connection, device, engineSession, startedAt, s);
        currentSession.put(device, id);
        JsonNode warnings = s.path("warnings");
        try (PreparedStatement update = connection.prepareStatement("UPDATE sessions SET status = ?, ended_at = ?, "
            + "person = ?, routine = ?, seconds = ?, strokes = ?, mean_stroke_mm = ?, mean_load_n = ?, "
            + "mean_cadence = ?, loaded_seconds = ?, points_done = ?, points_left_early = ?, warn_stroke = ?, "
            + "warn_coverage = ?, warn_load = ?, warn_cadence = ?, warn_hold = ?, warn_trigger_point = ?, "
            + "warn_step = ?, summary_json = ?, updated_at = ? WHERE id = ?")) {
            boolean active = s.path("active").asBoolean();
            long now = System.currentTimeMillis();
            int i = 1;
            update.setString(i++, active ? "active" : "done");
            if (active) {
                update.setNull(i++, Types.INTEGER);
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
            for (String rule : WARNING_KEYS) {
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
                    insert.setNull(8, Types.INTEGER);
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
            Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, device);
            insert.setInt(2, engineSession);
            insert.setLong(3, startedAt);
            insert.setString(4, s.path("person").asText("default"));
            insert.setString(5, captureFileOf.apply(device));
            insert.setLong(6, System.currentTimeMillis());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Keeps a feedback event that matters later (warnings, the session's own, trigger points done or left). */
    void event(Connection connection, String device, JsonNode e) throws SQLException {
        Rule rule = Rule.fromJsonName(e.path("rule").asText());
        Verdict verdict = Verdict.fromJsonName(e.path("verdict").asText());
        boolean kept = Severity.WARN.jsonName().equals(e.path("severity").asText()) || rule == Rule.SESSION
            || isTriggerPointOutcome(rule, verdict);
        if (!kept) {
            return;
        }
        boolean started = rule == Rule.SESSION && verdict == Verdict.STARTED;
        Long id = currentSession.get(device);
        if (id == null || started) {
            // the summary naming the new session comes just after its first events: hold them till then
            List<JsonNode> waiting = waitingEvents.computeIfAbsent(device, d -> new ArrayList<>());
            if (started) {
                currentSession.remove(device);
            }
            if (waiting.size() < MAX_WAITING_EVENTS) {
                waiting.add(e);
            }
            return;
        }
        insertEvent(connection, id, e);
    }

    private static boolean isTriggerPointOutcome(Rule rule, Verdict verdict) {
        return rule == Rule.TRIGGER_POINT && (verdict == Verdict.DONE || verdict == Verdict.LEFT_EARLY);
    }

    private void insertEvent(Connection connection, long id, JsonNode e) throws SQLException {
        String rule = e.path("rule").asText();
        String verdict = e.path("verdict").asText();
        boolean point = isTriggerPointOutcome(Rule.fromJsonName(rule), Verdict.fromJsonName(verdict));
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
            statement.setNull(index, Types.REAL);
        }
    }
}
