package io.rollcoach.gateway.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed mid-session (a real SIGKILL of a child process) leaves a database that opens, the session cut short.
 */
class HistoryKillIT {

    @Test
    void aKilledWriterLeavesTheSessionCutShort(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            HistoryChild.class.getName(), file.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                seen.append(line).append('\n');
            }
            assertEquals("ready", line, "the child said: " + seen);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        try (HistoryStore store = HistoryStore.open(file)) {
            assertEquals(1, store.cutShortAtOpen());
            List<SessionRecord> sessions = store.sessions("dora", null, 10);
            assertEquals(1, sessions.size());
            SessionRecord session = sessions.get(0);
            assertEquals("cut-short", session.status());
            assertTrue(session.steps().get(0).done(), "what was written before the kill is kept");
            assertTrue(session.endedAt() != null && session.endedAt() >= session.startedAt());
        }
    }
}
