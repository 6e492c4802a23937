package io.rollcoach.gateway.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a history database to this build's schema by the versioned SQL files in {@code /history/migrations},
 * each once, in order, in a transaction. A database newer than this build is refused, never touched.
 */
final class Migrations {
    private static final String FOLDER = "/history/migrations/";

    private Migrations() {
    }

    static List<String> files() {
        try (InputStream index = Migrations.class.getResourceAsStream(FOLDER + "index.txt")) {
            List<String> files = new ArrayList<>();
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    files.add(line.trim());
                }
            }
            return files;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the jar's history migrations are missing", e);
        }
    }

    /** The schema version this build writes: the number of the last migration. */
    static int latest() {
        List<String> files = files();
        return version(files.get(files.size() - 1));
    }

    private static int version(String file) {
        return Integer.parseInt(file.substring(1, file.indexOf("__")));
    }

    static void apply(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version "
                + "(version INTEGER NOT NULL, applied_at INTEGER)");
        }
        int current = 0;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            if (row.next()) {
                current = row.getInt(1);
            }
        }
        if (current > latest()) {
            throw new HistoryException(file + " has history schema version " + current + ", newer than this RollCoach "
                + "knows (" + latest() + "): it was written by a newer version. It was left untouched; run that "
                + "version, or set storage.dir to another folder.");
        }
        for (String migration : files()) {
            int version = version(migration);
            if (version <= current) {
                continue;
            }
            String sql;
            try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + migration)) {
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read migration " + migration, e);
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String part : sql.split(";\\s*(\\n|$)")) {
                    String stripped = part.replaceAll("(?m)^\\s*--.*$", "").trim();
                    if (!stripped.isEmpty()) {
                        statement.execute(stripped);
                    }
                }
                statement.execute("INSERT INTO schema_version VALUES (" + version + ", "
                    + System.currentTimeMillis() + ")");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new HistoryException(file + ": migration " + migration + " failed: " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
