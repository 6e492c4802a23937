package io.rollcoach.gateway.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollcoach.gateway.command.Command;
import io.rollcoach.gateway.command.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule on synthetic rolling, at the contract's bounds. */
class TechniqueEngineTest {
    private static final double FORCE = 250; // a third of 75 kg

    private final RecordingSink sink = new RecordingSink();
    private final TechniqueEngine engine = Engines.engine(sink);
    private final Rolling rolling = new Rolling(engine);

    @Test
    void contactFollowsForceWithHysteresis() {
        rolling.hold(1, 4.9).hold(1, 0);
        assertTrue(sink.events("contact", "on").isEmpty(), "under 5 N is never contact");
        rolling.hold(1, 40.1);
        assertEquals(1, sink.events("contact", "on").size(), "over 40 N always is");
        rolling.hold(1, 15); // between off (10) and on (20): stays on
        assertTrue(sink.events("contact", "off").isEmpty());
        rolling.hold(0.2, 4).hold(1, 40.1); // a bounce of 0.2 s: the leg never left
        assertTrue(sink.events("contact", "off").isEmpty(), "an unload of 0.2 s never ends contact");
        assertEquals(1, sink.events("contact", "on").size());
        rolling.hold(1, 4);
        assertEquals(1, sink.events("contact", "off").size(), "an unload of 1 s always does");
    }

    @ParameterizedTest
    @ValueSource(doubles = {25, 30, 38, 45, 51})
    void strokesOfOneToTwoInchesAreNeverFlagged(double strokeMm) {
        rolling.roll(40, strokeMm, 30, FORCE);
        assertTrue(sink.events("stroke", "too-short").isEmpty() && sink.events("stroke", "too-long").isEmpty(),
            sink.verdicts().toString());
        assertEquals(strokeMm, engine.lastStrokeMm(), 2);
    }

    @ParameterizedTest
    @ValueSource(doubles = {8, 12, 14.5})
    void strokesUnderFifteenMillimetresAreTooShort(double strokeMm) {
        rolling.roll(20, strokeMm, 30, FORCE);
        JsonNode event = sink.events("stroke", "too-short").get(0);
        assertEquals(strokeMm, event.get("value").asDouble(), 2);
        assertEquals("mm", event.get("unit").asText());
        assertTrue(event.get("message").asText().contains(" in"), event.toString());
    }

    @ParameterizedTest
    @ValueSource(doubles = {66, 80})
    void strokesOverSixtyFiveMillimetresAreTooLong(double strokeMm) {
        rolling.roll(20, strokeMm, 30, FORCE);
        assertFalse(sink.events("stroke", "too-long").isEmpty());
    }

    @Test
    void aPersistentFaultIsRepeatedSparinglyAndMended() {
        rolling.roll(60, 80, 30, FORCE);
        int said = sink.events("stroke", "too-long").size();
        // 30 strokes in a minute, said at the start and then at most every 5 s
        assertTrue(said >= 6 && said <= 13, "said " + said);
        rolling.roll(20, 38, 30, FORCE);
        assertEquals(1, sink.events("stroke", "ok").size());
        // the stroke that shortens from 80 to 38 mm may still be too long: at most one more
        assertTrue(sink.events("stroke", "too-long").size() <= said + 1);
    }

    @Test
    void firstAndLastTravelsAreNotStrokes() {
        // one long glide then lift: no reversal pair, so no stroke at all
        rolling.roll(3, 0, 30, FORCE, 120).lift(1);
        assertEquals(0, engine.strokeCount());
    }

    @Test
    void coverageUpToThreeInchesIsNeverFlagged() {
        rolling.roll(10, 38, 30, FORCE).roll(8, 38, 30, FORCE, 38); // 76 mm covered in 8 s
        assertTrue(sink.events("coverage", "too-wide").isEmpty(), sink.verdicts().toString());
    }

    @Test
    void coverageOverAHundredAndTenMillimetresIsTooWide() {
        rolling.roll(10, 38, 40, FORCE).roll(10, 38, 40, FORCE, 100);
        assertFalse(sink.events("coverage", "too-wide").isEmpty(), sink.verdicts().toString());
    }

    @Test
    void aTriggerPointIsDoneAfterFifteenSecondsOnTheSameSpot() {
        rolling.roll(25, 38, 30, FORCE, 20); // creeping 20 mm: still the same spot
        assertEquals(1, sink.events("trigger-point", "started").size());
        JsonNode done = sink.events("trigger-point", "done").get(0);
        assertTrue(done.get("value").asDouble() >= 15);
        assertTrue(sink.events("trigger-point", "left-early").isEmpty());
    }

    @Test
    void movingMoreThanFiftyMillimetresBeforeFifteenSecondsLeavesEarly() {
        rolling.roll(8, 38, 30, FORCE).roll(2, 0, 30, FORCE, 60).roll(8, 38, 30, FORCE);
        assertEquals(1, sink.events("trigger-point", "left-early").size());
        assertEquals(2, sink.events("trigger-point", "started").size());
    }

    @Test
    void liftingBeforeFifteenSecondsLeavesEarly() {
        rolling.roll(8, 38, 30, FORCE).lift(1);
        JsonNode left = sink.events("trigger-point", "left-early").get(0);
        assertTrue(left.get("message").asText().startsWith("Lifted"), left.toString());
    }

    @Test
    void shortPressMarksAPoint() {
        rolling.roll(1, 38, 30, FORCE).press(1).roll(16, 38, 30, FORCE);
        JsonNode started = sink.events("trigger-point", "started").get(0);
        assertTrue(started.get("message").asText().startsWith("Point marked"));
        assertEquals(1, sink.events("trigger-point", "done").size());
    }

    @Test
    void tissueTimeCountsLoadedRollingAcrossLiftOffs() {
        for (int i = 0; i < 6; i++) {
            rolling.roll(19, 38, 30, FORCE).lift(3);
        }
        JsonNode done = sink.events("tissue", "done").get(0);
        assertEquals("soleus-left", done.get("step").asText());
        // 90 s of credited rolling across lifts: more than 4 x 19 s + 14 s of loaded time (the lifts and the travel
        // before each contact's first full stroke earn nothing), and within the fifth or sixth contact
        assertTrue(done.get("t").asDouble() > 4 * 22 + 14, done.toString());
        assertTrue(done.get("t").asDouble() < 6 * 22, done.toString());
    }

    @Test
    void loadIsJudgedAgainstBodyWeightWhenKnown() {
        TechniqueEngine weighed = Engines.engine(sink, TechniqueConfig.defaults().with("person.bodyWeightKg", 80));
        Rolling person = new Rolling(weighed);
        person.roll(10, 38, 30, 80); // 10% of 785 N
        JsonNode light = sink.events("load", "too-light").get(0);
        assertTrue(light.get("message").asText().contains("% of your weight"), light.toString());
        assertEquals(0.15 * 80 * 9.81, light.get("min").asDouble(), 0.1);
        person.roll(10, 38, 30, 0.34 * 80 * 9.81);
        assertEquals(1, sink.events("load", "ok").size());
        person.roll(10, 38, 30, 0.7 * 80 * 9.81);
        assertFalse(sink.events("load", "too-heavy").isEmpty());
    }

    @Test
    void cadenceBands() {
        rolling.roll(20, 38, 90, FORCE);
        assertFalse(sink.events("cadence", "too-fast").isEmpty());
        rolling.roll(20, 38, 30, FORCE);
        assertEquals(1, sink.events("cadence", "ok").size());
        rolling.roll(40, 38, 8, FORCE);
        assertFalse(sink.events("cadence", "too-slow").isEmpty());
        JsonNode slow = sink.events("cadence", "too-slow").get(0);
        assertEquals(8, slow.get("value").asDouble(), 2);
    }

    @Test
    void holdingStillPromptsToOscillate() {
        rolling.roll(5, 38, 30, FORCE).hold(3, FORCE);
        assertTrue(sink.events("hold", "still").isEmpty(), "3 s is not yet a hold");
        rolling.hold(3, FORCE);
        assertEquals(1, sink.events("hold", "still").size());
        rolling.noise(0.5, 3).hold(10, FORCE);
        assertTrue(sink.events("hold", "still").size() <= 4, "repeated at most every 5 s");
    }

    @Test
    void stepsAdvanceOnALongPressAndSaySkippedWhenShort() {
        rolling.roll(10, 38, 30, FORCE).press(2);
        JsonNode skipped = sink.events("step", "skipped").get(0);
        assertEquals("soleus-left", skipped.get("step").asText());
        assertEquals("lateral-soleus-left", sink.events("step", "started").get(1).get("step").asText());
        rolling.roll(36, 38, 30, FORCE).press(2);
        assertEquals(1, sink.events("step", "done").size());
        assertEquals(1, sink.events("step", "skipped").size());
    }

    @Test
    void autoAdvanceMovesOnWhenAStepIsDone() {
        TechniqueEngine auto = Engines.engine(sink, TechniqueConfig.defaults().with("routine.autoAdvance", true));
        new Rolling(auto).roll(72, 38, 30, FORCE);
        assertEquals(List.of("soleus-left", "lateral-soleus-left", "medial-soleus-left"),
            sink.events("step", "started").stream().map(e -> e.get("step").asText()).toList());
    }

    @Test
    void goingBackIsOutOfOrder() {
        rolling.roll(5, 38, 30, FORCE);
        assertTrue(engine.execute(new Command.NextStep()).ok());
        CommandResult back = engine.execute(new Command.PreviousStep());
        assertTrue(back.ok(), back.message());
        assertEquals("soleus-left", sink.events("step", "out-of-order").get(0).get("step").asText());
        assertFalse(engine.execute(new Command.PreviousStep()).ok(), "already at the first step");
    }

    @Test
    void sessionTooShortTooLongAndDailyLimit() {
        rolling.roll(60, 38, 30, FORCE);
        assertTrue(engine.execute(new Command.EndSession()).ok());
        assertEquals(1, sink.events("session", "too-short").size());
        rolling.lift(1).roll(560, 38, 30, FORCE); // a new session starts when the roller is next loaded
        assertEquals(1, sink.events("session", "too-long").size());
        engine.execute(new Command.EndSession());
        rolling.lift(1).roll(5, 38, 30, FORCE);
        engine.execute(new Command.EndSession());
        assertTrue(sink.events("session", "daily-limit").isEmpty());
        rolling.lift(1).roll(5, 38, 30, FORCE);
        JsonNode limit = sink.events("session", "daily-limit").get(0);
        assertEquals(4, limit.get("value").asInt());
        assertEquals(3, limit.get("max").asInt());
    }

    @Test
    void aSessionEndsAfterIdleTimeAndTheNextCountsFromZero() {
        rolling.roll(10, 38, 30, FORCE).lift(181);
        assertEquals(1, sink.events("session", "done").size());
        rolling.roll(2, 38, 30, FORCE);
        JsonNode second = sink.events("session", "started").get(1);
        assertEquals(0, second.get("t").asDouble(), second.toString());
    }

    @Test
    void eventTimeIsTheRollersClockAcrossItsWrap() {
        TechniqueEngine wrapped = Engines.engine(sink);
        new Rolling(wrapped, 75, 0xFFFF_FFFFL - 5_000_000).roll(36, 38, 30, FORCE);
        double last = -1;
        for (JsonNode event : sink.events) {
            assertTrue(event.get("t").asDouble() >= last, event.toString());
            last = event.get("t").asDouble();
        }
        // 30 s of credited rolling: the travel before the first full stroke earns none
        assertEquals(32, sink.events("step", "done").get(0).get("t").asDouble(), 2);
    }

    @Test
    void linkLostAndRestoredAreSaidOnceEach() {
        rolling.roll(5, 38, 30, FORCE);
        engine.onLinkLost();
        engine.onLinkLost();
        engine.onLinkRestored();
        engine.onLinkRestored();
        assertEquals(1, sink.events("data", "link-lost").size());
        assertEquals(1, sink.events("data", "link-restored").size());
        assertEquals("error", sink.events("data", "link-lost").get(0).get("severity").asText());
        assertEquals(List.of("online", "offline"), sink.statuses);
        rolling.roll(1, 38, 30, FORCE);
        assertEquals(List.of("online", "offline", "online"), sink.statuses, "online again once data flows");
    }

    @Test
    void configCommandChangesThresholdsOrNothing() {
        CommandResult bad = engine.execute(new Command.Configure(
            Map.of("stroke.maxMm", 60, "stroke.minMm", 5)));
        assertFalse(bad.ok());
        assertTrue(bad.message().contains("stroke.minMm must be from 15 to 25, was 5"), bad.message());
        assertEquals(58, engine.config().strokeMaxMm(), "nothing changed");
        CommandResult unknown = engine.execute(new Command.Configure(Map.of("stroke.max", 60)));
        assertTrue(unknown.message().contains("unknown threshold \"stroke.max\""), unknown.message());
        assertTrue(engine.execute(new Command.Configure(Map.of("stroke.maxMm", 62))).ok());
        assertEquals(62, engine.config().strokeMaxMm());
    }

    @Test
    void personCommandSetsWeightAndUnits() {
        CommandResult result = engine.execute(new Command.SetPerson("ana", 60.0, "cm"));
        assertTrue(result.ok(), result.message());
        rolling.roll(20, 14, 30, FORCE);
        assertTrue(sink.events("stroke", "too-short").get(0).get("message").asText().contains(" cm"));
    }

    @Test
    void submittedCommandsRunOnTheRollerThreadAtTheNextSampleOrTick() throws Exception {
        CompletableFuture<CommandResult> result = engine.submit(new Command.StartSession(null));
        assertFalse(result.isDone());
        engine.onTick(System.nanoTime());
        assertTrue(result.get().ok());
        assertEquals(1, sink.events("session", "started").size());
    }

    @Test
    void telemetryComesAboutTenTimesASecond() {
        rolling.roll(10, 38, 30, FORCE);
        assertEquals(100, sink.telemetry.size(), 2);
        JsonNode last = sink.telemetry.get(sink.telemetry.size() - 1);
        assertTrue(last.get("contact").asBoolean());
        assertEquals(38, last.get("stroke").asDouble(), 2);
        assertEquals("soleus-left", last.get("step").asText());
    }

    @Test
    void infoJoinsHelloAndStatus() {
        engine.onHello(0x00c0ffee00000002L, 1, 4, 100, 800, 7);
        engine.onStatus(87, 24, 0);
        JsonNode info = sink.infos.get(sink.infos.size() - 1);
        assertEquals("00c0ffee00000002", info.get("device").asText());
        assertEquals("1.4", info.get("firmware").asText());
        assertEquals(80.0, info.get("radiusMm").asDouble());
        assertEquals(3, info.get("sensors").size());
        assertEquals(87, info.get("batteryPercent").asInt());
        assertEquals("00c0ffee00000002", engine.deviceName());
    }

    @Test
    void eventNumbersAreGapless() {
        rolling.roll(20, 80, 90, 40).lift(1).roll(20, 10, 5, 900).press(2).press(1).hold(10, FORCE);
        for (int i = 0; i < sink.events.size(); i++) {
            assertEquals(i + 1, sink.events.get(i).get("n").asLong());
        }
        assertTrue(sink.events.size() > 20);
    }
}
