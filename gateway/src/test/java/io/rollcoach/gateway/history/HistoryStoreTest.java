package io.rollcoach.gateway.history;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import io.rollcoach.gateway.technique.SessionLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history in a real SQLite file: written as sessions go, read back, refused when not ours. */
class HistoryStoreTest {

    @Test
    void theWarmUpOpensAHistoryInMemoryAndLeavesNoFileBehind() throws Exception {
        Path memoryNamed = Path.of(":memory:");
        HistoryStore.warmUp(); // the whole open: driver, pragmas, every migration, the seeding queries
        HistoryStore.warmUp(); // and again: nothing kept from the first
        assertFalse(Files.exists(memoryNamed), "no file named :memory: in the working folder");
    }

    @Test
    void aFullSessionIsKeptWithItsStepsPointsAndTissues(@TempDir Path dir) {
        Path file = dir.resolve("history.db");
        try (HistoryRig rig = new HistoryRig(HistoryStore.open(file), "ana")) {
            rig.feed(HistoryRig.render("full-session"), 0, 1);
            rig.endSession(); // already over: answered no
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.store.sessions(null, null, 10).stream()
                .anyMatch(s -> s.status().equals("done")));
        }
        try (HistoryStore store = HistoryStore.open(file)) {
            List<SessionRecord> sessions = store.sessions("ana", LocalDate.now(), 10);
            assertEquals(1, sessions.size());
            SessionRecord session = sessions.get(0);
            assertEquals("done", session.status());
            assertEquals("00c0ffee00000001", session.roller());
            assertEquals(16, session.steps().size());
            assertTrue(session.steps().stream().allMatch(SessionRecord.Step::done));
            assertEquals(4, session.tissues().stream().filter(SessionRecord.Tissue::done).count());
            assertTrue(session.pointsDone() >= 4, "trigger points: " + session.pointsDone());
            assertEquals(session.pointsDone(), session.triggerPoints().stream()
                .filter(p -> p.outcome().equals("done")).count());
            assertTrue(session.seconds() > 400 && session.seconds() < 560, "seconds " + session.seconds());
            assertTrue(session.strokes() > 200);
            assertEquals(0, session.totalWarnings());
            assertTrue(session.events().stream()
                .anyMatch(e -> e.rule().equals("session") && e.verdict().equals("done")));
            assertTrue(SessionCsv.session(session).contains("soleus-left,\"Soleus, left leg\",roll,"));
            // the review at the next session's end compares with this one, read back from the file
            List<SessionLedger.PastSession> recent = store.recent("ana", 3);
            assertEquals(1, recent.size());
            assertTrue(recent.get(0).score() >= 80, "score " + recent.get(0).score());
            assertEquals(session.startedAt(), recent.get(0).startedAtMs());
        }
    }

    @Test
    void warningsAreKeptForThePhysio(@TempDir Path dir) {
        try (HistoryRig rig = new HistoryRig(HistoryStore.open(dir.resolve("h.db")), "ben")) {
            rig.feed(HistoryRig.render("strokes-too-long"), 0, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.store.sessions(null, null, 10).stream()
                .anyMatch(s -> s.warnings().get("stroke") > 0));
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.store.sessions(null, null, 10).get(0).events()
                .stream().filter(e -> e.verdict().equals("too-long")).count()
                == rig.store.sessions(null, null, 10).get(0).warnings().get("stroke"));
            SessionRecord session = rig.store.sessions(null, null, 10).get(0);
            assertEquals("active", session.status(), "the capture ends mid-session");
            assertTrue(session.events().stream().filter(e -> e.severity().equals("warn")).findFirst().orElseThrow()
                .message().startsWith("Shorter strokes"), session.events().toString());
            assertEquals(0, session.triggerPoints().size(), "strokes too long all through: no point is credited");
        }
    }

    @Test
    void aSessionInProgressWhenTheGatewayStopsIsClosedAsCutShortThenNotLeftForTheNextStart(@TempDir Path dir) {
        Path file = dir.resolve("history.db");
        try (HistoryRig rig = new HistoryRig(HistoryStore.open(file), "cleo")) {
            rig.feed(HistoryRig.render("full-session"), 0, 0.3);
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.store.sessions(null, null, 10).stream()
                .anyMatch(s -> s.status().equals("active")));
        } // a clean stop: the engine goes offline, the writer drains and closes
        try (HistoryStore store = HistoryStore.open(file)) {
            assertEquals(0, store.cutShortAtOpen(), "nothing left open for this start to find");
            SessionRecord session = store.sessions("cleo", null, 10).get(0);
            assertEquals("cut-short", session.status());
            assertTrue(session.seconds() > 60, "what was rolled is kept: " + session.seconds() + " s");
        }
    }

    @Test
    void readingBesideARunningGatewayLeavesItsSessionInProgressAlone(@TempDir Path dir) {
        Path file = dir.resolve("history.db");
        try (HistoryRig rig = new HistoryRig(HistoryStore.open(file), "dana")) {
            rig.feed(HistoryRig.render("full-session"), 0, 0.3);
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.store.sessions(null, null, 10).stream()
                .anyMatch(s -> s.status().equals("active")));
            try (HistoryStore reader = HistoryStore.openForReading(file)) { // what `rollcoach history` does
                assertEquals(0, reader.cutShortAtOpen());
                assertEquals("active", reader.sessions("dana", null, 10).get(0).status());
            }
            assertEquals("active", rig.store.sessions("dana", null, 10).get(0).status(), "still the writer's");
        }
    }

    @Test
    void theFourthSessionOfADaySaysTheDailyLimitEvenAfterARestart(@TempDir Path dir) {
        Path file = dir.resolve("history.db");
        byte[] short1 = HistoryRig.render("too-fast");
        try (HistoryRig rig = new HistoryRig(HistoryStore.open(file), "cal")) {
            for (int i = 0; i < 3; i++) {
                rig.feed(short1, 0, 1);
                rig.endSession();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.store.sessions("cal", null, 10).size() == 3);
        }
        try (HistoryRig rig = new HistoryRig(HistoryStore.open(file), "cal")) {
            rig.feed(short1, 0, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.store.sessions("cal", null, 10).size() == 4
                && rig.store.sessions("cal", null, 10).get(0).events().stream()
                .anyMatch(e -> e.verdict().equals("daily-limit")));
            assertEquals(4, rig.store.sessionStarted("cal") - 1, "counted from the file after the restart");
        }
    }

    @Test
    void aDamagedFileIsRefusedAndLeftUntouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.db");
        byte[] garbage = new byte[8192];
        new Random(7).nextBytes(garbage);
        Files.write(file, garbage);
        HistoryException refused = assertThrows(HistoryException.class, () -> HistoryStore.open(file));
        assertTrue(refused.getMessage().contains("is not a SQLite database"), refused.getMessage());
        assertTrue(refused.getMessage().contains(file.toString()));
        assertArrayEquals(garbage, Files.readAllBytes(file), "never overwritten");
    }

    @Test
    void aNewerSchemaIsRefusedAndLeftUntouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.db");
        HistoryStore.open(file).close();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             var statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version VALUES (99, 0)");
        }
        byte[] before = Files.readAllBytes(file);
        HistoryException refused = assertThrows(HistoryException.class, () -> HistoryStore.open(file));
        assertTrue(refused.getMessage().contains("schema version 99, newer than this RollCoach knows (1)"),
            refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }
}
