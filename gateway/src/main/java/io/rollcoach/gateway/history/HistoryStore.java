package io.rollcoach.gateway.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rollcoach.gateway.technique.SessionLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session history: one SQLite file, its schema migrated by versioned SQL files, never overwritten when it is
 * not ours or newer than we know. Also the daily-limit ledger, answered from memory (seeded from the file at open)
 * because the engine asks on its real-time thread.
 */
public final class HistoryStore implements SessionLedger, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    static final String[] WARNING_COLUMNS = {"stroke", "coverage", "load", "cadence", "hold", "trigger_point", "step"};

    private final Path file;
    private final Connection connection;
    private final Map<String, Integer> today = new HashMap<>();
    private static final int RECENT_KEPT = 10;
    private final Map<String, List<PastSession>> recent = new HashMap<>();
    private LocalDate day = LocalDate.now();
    private final int cutShortAtOpen;

    private HistoryStore(Path file, Connection connection, int cutShortAtOpen) {
        this.file = file;
        this.connection = connection;
        this.cutShortAtOpen = cutShortAtOpen;
    }

    /**
     * Opens (creating or migrating) the history at {@code file} for the gateway that writes it: sessions a previous
     * run left open are closed as cut short.
     */
    public static HistoryStore open(Path file) {
        return open(file, true);
    }

    /**
     * Opens and closes a history in memory, so that the first open of the real one finds SQLite's driver, its
     * connection code and the schema's statements loaded and run once: about 80 ms of the service's start went to
     * them, after the config had been read. Called on a spare thread while the command line and config are read.
     */
    public static void warmUp() {
        open(Path.of(":memory:"), true).close();
    }

    /**
     * Opens the history to read it beside a running gateway ({@code rollcoach history}): a session still open may be
     * that gateway's session in progress, so it is shown as it is, {@code active}.
     */
    public static HistoryStore openForReading(Path file) {
        return open(file, false);
    }

    private static HistoryStore open(Path file, boolean writer) {
        checkHeader(file);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new HistoryException(file + ": cannot create its folder: " + e.getMessage(), e);
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new HistoryException(file + ": cannot open the history database: " + e.getMessage(), e);
        }
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA foreign_keys=ON");
                statement.execute("PRAGMA busy_timeout=5000");
            }
            Migrations.apply(connection, file);
            int cut = writer ? closeInterrupted(connection) : 0;
            HistoryStore store = new HistoryStore(file, connection, cut);
            store.seedToday();
            store.seedRecent();
            if (cut > 0) {
                LOG.warn("{}: {} session(s) left open by the last run (power cut or kill) closed as cut short",
                    file, cut);
            }
            return store;
        } catch (SQLException e) {
            close(connection);
            throw new HistoryException(file + ": " + describe(e), e);
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    /** A file that exists but is not SQLite is someone else's: refuse it before SQLite would touch it. */
    private static void checkHeader(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(SQLITE_HEADER.length);
            if (header.length == 0) {
                return; // an empty file: SQLite makes it a database
            }
            if (!Arrays.equals(header, SQLITE_HEADER)) {
                throw new HistoryException(file + " is not a SQLite database (damaged, or another program's file); "
                    + "it was left untouched. Move it away or set storage.dir to another folder.");
            }
        } catch (IOException e) {
            throw new HistoryException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static int closeInterrupted(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE sessions SET status = 'cut-short', ended_at = updated_at WHERE status = 'active'")) {
            return update.executeUpdate();
        }
    }

    /** Each person's last ended sessions with a score, newest first, for the review at a session's end. */
    private void seedRecent() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
            "SELECT person, started_at, seconds, json_extract(summary_json, '$.score') FROM sessions"
                + " WHERE status = 'done' AND json_extract(summary_json, '$.score') IS NOT NULL"
                + " ORDER BY started_at DESC")) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    List<PastSession> list = recent.computeIfAbsent(rows.getString(1), p -> new ArrayList<>());
                    if (list.size() < RECENT_KEPT) {
                        list.add(new PastSession(rows.getLong(2), rows.getDouble(3), rows.getInt(4)));
                    }
                }
            }
        }
    }

    @Override
    public synchronized List<PastSession> recent(String person, int limit) {
        List<PastSession> list = recent.get(person);
        return list == null ? List.of() : List.copyOf(list.subList(0, Math.min(limit, list.size())));
    }

    @Override
    public synchronized void sessionEnded(String person, PastSession session) {
        List<PastSession> list = recent.computeIfAbsent(person, p -> new ArrayList<>());
        list.add(0, session);
        if (list.size() > RECENT_KEPT) {
            list.remove(list.size() - 1);
        }
    }

    private void seedToday() throws SQLException {
        long startOfDay = day.atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli();
        try (PreparedStatement query = connection.prepareStatement(
            "SELECT person, COUNT(*) FROM sessions WHERE started_at >= ? GROUP BY person")) {
            query.setLong(1, startOfDay);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    today.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Closes the sessions still in progress as cut short: the gateway is stopping (Ctrl-C, {@code systemctl stop}) and
     * they will not go on. Returns how many.
     */
    public synchronized int closeSessionsInProgress() throws SQLException {
        return closeInterrupted(connection);
    }

    /** Sessions closed as cut short when this store opened. */
    public int cutShortAtOpen() {
        return cutShortAtOpen;
    }

    @Override
    public synchronized int sessionStarted(String person) {
        LocalDate now = LocalDate.now();
        if (!now.equals(day)) {
            today.clear();
            day = now;
        }
        return today.merge(person, 1, Integer::sum);
    }

    /** Sessions on {@code roller} started since midnight (local time), for "sessions today" in Home Assistant. */
    public synchronized int sessionsToday(String roller) {
        long startOfDay = LocalDate.now().atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli();
        try (PreparedStatement query = connection.prepareStatement(
            "SELECT COUNT(*) FROM sessions WHERE roller = ? AND started_at >= ?")) {
            query.setString(1, roller);
            query.setLong(2, startOfDay);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new HistoryException(file + ": " + describe(e), e);
        }
    }

    /** The writer's connection; one thread writes. */
    Connection connection() {
        return connection;
    }

    // ---------------------------------------------------------------- queries

    /** The latest sessions first; {@code person} and {@code since} may be null. */
    public synchronized List<SessionRecord> sessions(String person, LocalDate since, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id FROM sessions WHERE 1=1");
        if (person != null) {
            sql.append(" AND person = ?");
        }
        if (since != null) {
            sql.append(" AND started_at >= ?");
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
        List<SessionRecord> sessions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            int i = 1;
            if (person != null) {
                query.setString(i++, person);
            }
            if (since != null) {
                query.setLong(i++, since.atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli());
            }
            query.setInt(i, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            for (long id : ids) {
                sessions.add(session(id));
            }
        } catch (SQLException e) {
            throw new HistoryException(file + ": " + describe(e), e);
        }
        return sessions;
    }

    /** One session with its steps, tissues, trigger points and warnings, or null. */
    public synchronized SessionRecord session(long id) {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM sessions WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Map<String, Integer> warnings = new LinkedHashMap<>();
                for (String column : WARNING_COLUMNS) {
                    warnings.put(column.replace("_p", "P"), row.getInt("warn_" + column));
                }
                long ended = row.getLong("ended_at");
                Long endedAt = row.wasNull() ? null : ended;
                return new SessionRecord(id, row.getString("roller"), row.getString("person"),
                    row.getLong("started_at"), endedAt, row.getString("status"), row.getDouble("seconds"),
                    row.getInt("strokes"), row.getDouble("mean_stroke_mm"), row.getDouble("mean_load_n"),
                    row.getDouble("mean_cadence"), row.getInt("points_done"), row.getInt("points_left_early"), warnings,
                    row.getString("capture_file"), steps(id), tissues(id), triggerPoints(id), events(id));
            }
        } catch (SQLException e) {
            throw new HistoryException(file + ": " + describe(e), e);
        }
    }

    /** Reads one column set of a row; SQLException passes through to the caller, who names the file. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Every row of {@code sql} (one parameter, the session id), in order. */
    private <T> List<T> rowsOf(long sessionId, String sql, RowReader<T> reader) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, sessionId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(reader.read(row));
                }
            }
        }
        return rows;
    }

    private List<SessionRecord.Step> steps(long id) throws SQLException {
        return rowsOf(id, "SELECT * FROM session_steps WHERE session_id = ? ORDER BY position", row -> {
            int reps = row.getInt("reps");
            Integer repetitions = row.wasNull() ? null : reps;
            return new SessionRecord.Step(row.getString("step_id"), row.getString("title"), row.getString("kind"),
                row.getDouble("seconds"), row.getDouble("target"), repetitions, row.getInt("done") != 0,
                row.getInt("skipped") != 0);
        });
    }

    private List<SessionRecord.Tissue> tissues(long id) throws SQLException {
        return rowsOf(id, "SELECT * FROM session_tissues WHERE session_id = ? ORDER BY position",
            row -> new SessionRecord.Tissue(row.getString("tissue_id"), row.getString("title"),
                row.getDouble("seconds"), row.getDouble("target"), row.getInt("done") != 0));
    }

    private List<SessionRecord.TriggerPoint> triggerPoints(long id) throws SQLException {
        return rowsOf(id, "SELECT * FROM trigger_points WHERE session_id = ? ORDER BY n",
            row -> new SessionRecord.TriggerPoint(row.getDouble("t"), row.getString("step_id"),
                row.getDouble("dwell_s"), row.getString("outcome")));
    }

    private List<SessionRecord.Event> events(long id) throws SQLException {
        return rowsOf(id, "SELECT * FROM session_events WHERE session_id = ? ORDER BY n", row -> {
            double value = row.getDouble("value");
            Double v = row.wasNull() ? null : value;
            return new SessionRecord.Event(row.getLong("n"), row.getDouble("t"), row.getString("rule"),
                row.getString("verdict"), row.getString("severity"), row.getString("step_id"), v,
                row.getString("message"));
        });
    }

    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains("SQLITE_CORRUPT") || message.contains("file is not a database")
            || message.contains("malformed")) {
            return "the history database is damaged (" + message + "); it was left untouched. Move it away to start "
                + "a new one, or repair it with: sqlite3 FILE '.recover' | sqlite3 NEW";
        }
        return message;
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already failing; the first error is the one to report
        }
    }

    @Override
    public synchronized void close() {
        close(connection);
    }
}
