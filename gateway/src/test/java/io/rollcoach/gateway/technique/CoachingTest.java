package io.rollcoach.gateway.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollcoach.gateway.command.Command;
import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a person on the floor hears over a whole scenario: credited only for good work, one focus, steady. */
class CoachingTest {
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)");

    static Stream<String> scenarios() {
        return ScenarioLibrary.names().stream();
    }

    @ParameterizedTest
    @ValueSource(strings = {"strokes-too-long", "strokes-too-short", "too-heavy", "too-fast", "too-slow", "very-slow",
        "too-light", "one-way-lift", "one-way-drag"})
    void workDoneWrongThroughoutEarnsNoPraiseNoDoneAndNoGoodCue(String name) {
        RecordingSink sink = new RecordingSink();
        List<Integer> cues = new ArrayList<>();
        TechniqueEngine engine = new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(), sink,
            (pattern, ms) -> cues.add(pattern), SessionLedger.inMemory(), null);
        new FrameDispatcher(engine).onBytes(scenarioBytes(name), 0, scenarioBytes(name).length);
        for (String rule : List.of("trigger-point", "step", "tissue")) {
            assertTrue(sink.events(rule, "done").isEmpty(),
                name + ": " + rule + " done for wrong work: " + sink.verdicts());
        }
        assertFalse(cues.contains(RollerLink.CUE_GOOD), name + ": the roller's good cue for wrong work");
        assertTrue(sink.events.stream().noneMatch(e -> e.get("severity").asText().equals("good")
            && !e.get("rule").asText().equals("data")), name + ": praise for wrong work: " + sink.verdicts());
        JsonNode summary = sink.summaries.get(sink.summaries.size() - 1);
        assertTrue(summary.get("score").asInt() < 50, name + " scores low: " + summary.get("score"));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void noRuleGoesWarningOkAndTheSameWarningWithinTenSeconds(String name) {
        RecordingSink sink = Engines.run(name, SimOptions.defaults());
        Map<String, Double> okAt = new HashMap<>();
        Map<String, String> lastWarning = new HashMap<>();
        for (JsonNode e : sink.events) {
            String rule = e.get("rule").asText();
            String verdict = e.get("verdict").asText();
            double t = e.get("t").asDouble();
            if (e.get("severity").asText().equals("warn")) {
                Double ok = okAt.get(rule);
                assertFalse(ok != null && verdict.equals(lastWarning.get(rule)) && t - ok < 10,
                    name + ": " + rule + " " + verdict + " at " + t + " s, within 10 s of its ok at " + ok + " s");
                lastWarning.put(rule, verdict);
            } else if (verdict.equals("ok")) {
                okAt.put(rule, t);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void aMoveToAnotherSpotIsNeverTooLongThenTooShort(String name) {
        RecordingSink sink = Engines.run(name, SimOptions.defaults());
        double tooLongAt = Double.NEGATIVE_INFINITY;
        for (JsonNode e : sink.events) {
            if (e.get("rule").asText().equals("stroke") && e.get("verdict").asText().equals("too-long")) {
                tooLongAt = e.get("t").asDouble();
            }
            if (e.get("rule").asText().equals("stroke") && e.get("verdict").asText().equals("too-short")) {
                assertTrue(e.get("t").asDouble() - tooLongAt > 5, name + ": too-short right after too-long");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void noMessageNumberReachesATargetItSaysWasMissed(String name) {
        for (String units : List.of("in", "cm")) {
            for (double weightKg : new double[] {0, 75}) {
                TechniqueConfig config = TechniqueConfig.defaults().with("person.units", units)
                    .with("person.bodyWeightKg", weightKg);
                RecordingSink sink = new RecordingSink();
                new FrameDispatcher(Engines.engine(sink, config)).onBytes(scenarioBytes(name), 0,
                    scenarioBytes(name).length);
                for (JsonNode e : sink.events) {
                    checkHonest(e, name + " " + units + " " + weightKg);
                }
            }
        }
    }

    /** The first number of a warning's message against the first number after "aim for", "give each point" etc. */
    private static void checkHonest(JsonNode e, String where) {
        String verdict = e.get("verdict").asText();
        String message = e.get("message").asText();
        List<Double> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(message);
        while (m.find()) {
            numbers.add(Double.parseDouble(m.group(1)));
        }
        switch (e.get("rule").asText() + " " + verdict) {
            case "trigger-point left-early" ->
                assertTrue(numbers.get(0) < numbers.get(1), where + ": " + message);
            case "load too-heavy" -> assertTrue(numbers.get(message.contains("% of your weight") ? 1 : 0)
                > numbers.get(numbers.size() - 1), where + ": " + message);
            case "load too-light" -> assertTrue(numbers.get(message.contains("% of your weight") ? 1 : 0)
                < numbers.get(numbers.size() - 2), where + ": " + message);
            case "cadence too-fast" -> assertTrue(numbers.get(0) > numbers.get(2), where + ": " + message);
            case "cadence too-slow" -> assertTrue(numbers.get(0) < numbers.get(1), where + ": " + message);
            case "stroke too-long" -> assertTrue(numbers.get(0) > numbers.get(2), where + ": " + message);
            case "stroke too-short" -> assertTrue(numbers.get(0) < numbers.get(1), where + ": " + message);
            case "step skipped" -> {
                if (message.endsWith(" s of good rolling.")) {
                    assertTrue(numbers.get(numbers.size() - 2) < numbers.get(numbers.size() - 1),
                        where + ": " + message);
                }
            }
            default -> { }
        }
    }

    @Test
    void theFocusIsTheWarningUntilItIsMendedThenTheTask() {
        RecordingSink sink = new RecordingSink();
        Rolling rolling = new Rolling(Engines.engine(sink));
        rolling.roll(20, 80, 30, 250);
        JsonNode focus = sink.coach.get(sink.coach.size() - 1);
        assertEquals("focus", focus.get("kind").asText());
        assertEquals("too-long", focus.get("verdict").asText());
        assertTrue(focus.get("speech").asText().contains("inches"), focus.toString());
        double since = focus.get("since").asDouble();
        int published = sink.coach.size();
        rolling.roll(4, 38, 30, 250);
        assertEquals(published, sink.coach.size(), "a few good strokes do not end the focus yet");
        rolling.roll(12, 38, 30, 250);
        JsonNode now = sink.coach.get(sink.coach.size() - 1);
        assertEquals("task", now.get("kind").asText(), now.toString());
        assertTrue(sink.coach.stream().filter(c -> c.get("kind").asText().equals("focus"))
            .allMatch(c -> c.get("since").asDouble() == since), "one focus, said once");
    }

    @Test
    void tooMuchPressureComesBeforeStrokeLengthInTheFocus() {
        RecordingSink sink = new RecordingSink();
        new Rolling(Engines.engine(sink)).roll(20, 80, 30, 600);
        assertFalse(sink.events("stroke", "too-long").isEmpty());
        assertFalse(sink.events("load", "too-heavy").isEmpty());
        JsonNode focus = sink.coach.get(sink.coach.size() - 1);
        assertEquals("load", focus.get("rule").asText(), "safety first: " + focus);
    }

    @Test
    void loadIsSaidInKilogramsOrPoundsAndAsAShareOfWeightWhenKnown() {
        RecordingSink sink = new RecordingSink();
        new Rolling(Engines.engine(sink, TechniqueConfig.defaults().with("person.units", "cm"))).roll(10, 38, 30, 600);
        String kg = sink.events("load", "too-heavy").get(0).get("message").asText();
        assertTrue(kg.matches("Ease off: 6[12] kg on the roller; aim for 8-46 kg\\."), kg);
        assertEquals("N", sink.events("load", "too-heavy").get(0).get("unit").asText(), "MQTT's value stays SI");
        RecordingSink weighed = new RecordingSink();
        new Rolling(Engines.engine(weighed, TechniqueConfig.defaults().with("person.bodyWeightKg", 75)))
            .roll(10, 38, 30, 600);
        String share = weighed.events("load", "too-heavy").get(0).get("message").asText();
        assertTrue(share.matches("Ease off: 1[34]\\d lb, 8\\d% of your weight; aim for 15-60%\\."), share);
        String spoken = weighed.events("load", "too-heavy").get(0).get("speech").asText();
        assertTrue(spoken.matches("Ease off\\. You have (just over )?[a-z ]+ percent of your weight on it; aim for "
            + "fifteen to sixty percent\\."), spoken);
        String kgSpoken = sink.events("load", "too-heavy").get(0).get("speech").asText();
        assertTrue(kgSpoken.matches("Ease off\\. You have (just over )?[a-z ]+ kilos on it; aim for eight to "
            + "forty six kilos\\."), kgSpoken);
    }

    @Test
    void aLoadJustOverTheBandNeverReadsAsInIt() {
        // 451 N is 45.97 kg, the band's top 450 N is 45.87 kg: whole kilos would say "46 kg; aim for 8-46 kg"
        RecordingSink sink = new RecordingSink();
        new Rolling(Engines.engine(sink, TechniqueConfig.defaults().with("person.units", "cm"))).roll(10, 38, 30, 451);
        String message = sink.events("load", "too-heavy").get(0).get("message").asText();
        assertEquals("Ease off: 46.0 kg on the roller; aim for 8.2-45.9 kg.", message);
    }

    @Test
    void liftingJustBeforeFifteenSecondsNeverSaysFifteen() {
        int leftEarly = 0;
        for (double seconds = 14; seconds <= 20; seconds += 0.1) {
            RecordingSink sink = new RecordingSink();
            new Rolling(Engines.engine(sink)).roll(seconds, 38, 37, 250).lift(1);
            for (JsonNode left : sink.events("trigger-point", "left-early")) {
                leftEarly++;
                assertTrue(left.get("value").asDouble() < 15, left.toString());
                assertFalse(left.get("message").asText().contains("with 15 of"), left.toString());
                assertFalse(left.get("speech").asText().contains("with fifteen of"), left.toString());
            }
        }
        assertTrue(leftEarly > 10, "lifts before the point was done: " + leftEarly);
    }

    @Test
    void aPointLeftAfterRollingTooWideCountsOnlyItsGoodSeconds() {
        // six seconds on the second point, all of them over too much tissue: none was good work there
        RecordingSink sink = Engines.run("too-wide", SimOptions.defaults());
        JsonNode left = sink.events("trigger-point", "left-early").get(0);
        assertEquals(0, left.get("value").asDouble(), 1e-9, left.toString());
        assertEquals("Left the point with 0 of its 15 s done: stay on each point until it is done.",
            left.get("message").asText());
        assertEquals("Left the point with zero of its fifteen seconds done. Stay on each point until it is done.",
            left.get("speech").asText());
    }

    @Test
    void aPointDoneAfterItsStepIsDoneSendsNobodyToAnotherSpot() {
        // the soleus step ends while its second point is still being worked; the third point follows before a press
        RecordingSink sink = Engines.run("lift-offs", SimOptions.defaults());
        double stepDoneAt = sink.events("step", "done").get(0).get("t").asDouble();
        int before = 0;
        int after = 0;
        for (JsonNode done : sink.events("trigger-point", "done")) {
            String message = done.get("message").asText();
            if (done.get("t").asDouble() < stepDoneAt) {
                before++;
                assertTrue(message.endsWith("On to the next tender spot."), done.toString());
            } else {
                after++;
                assertFalse(message.contains("next tender spot"), done.toString());
                assertEquals("Point done.", done.get("speech").asText(), done.toString());
            }
        }
        assertTrue(before >= 1 && after >= 1, "points done before and after the step: " + before + ", " + after);
    }

    @Test
    void handsOnStepsCountRepetitionsAndStartNoPoints() {
        RecordingSink sink = Engines.run("full-session", SimOptions.defaults());
        int handsOnEvents = 0;
        for (JsonNode e : sink.events) {
            if (e.path("step").asText().startsWith("hands-on")) {
                handsOnEvents++;
                assertNotEquals("trigger-point", e.get("rule").asText(), "a point in a hands-on step: " + e);
            }
        }
        assertTrue(handsOnEvents > 0, "no event in the hands-on steps");
        assertTrue(sink.events("trigger-point", "done").size() >= 14, "points still found in the rolling steps");
        List<String> handsOnSpeech = new ArrayList<>();
        for (JsonNode c : sink.coach) {
            if (c.path("step").asText().equals("hands-on-right") && c.get("kind").asText().equals("task")) {
                handsOnSpeech.add(c.get("speech").asText());
            }
        }
        assertEquals("Hands-on techniques, right leg. Do twelve to fifteen repetitions.", handsOnSpeech.get(0));
        assertTrue(handsOnSpeech.contains("Hands-on techniques, right leg. So far eleven of twelve repetitions."),
            handsOnSpeech.toString());
        // the routine's last step: a long press ends the session, there is no next step
        assertEquals("Hands-on techniques, right leg. Done. Long-press to finish.",
            handsOnSpeech.get(handsOnSpeech.size() - 1));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everySpokenSentenceStartsWithACapital(String name) {
        for (String units : List.of("in", "cm")) {
            RecordingSink sink = Engines.run(name, SimOptions.defaults(),
                TechniqueConfig.defaults().with("person.units", units).with("person.bodyWeightKg", 70));
            List<JsonNode> all = new ArrayList<>(sink.events);
            all.addAll(sink.coach);
            for (JsonNode message : all) {
                String speech = message.path("speech").asText("");
                assertFalse(Pattern.compile("(^|[.!?] )\\p{Ll}").matcher(speech).find(),
                    name + ", " + units + ": a sentence starts small: " + speech);
            }
        }
    }

    @Test
    void aSteadyVerySlowPaceReadsAsItsOwnNumberEveryTime() {
        // 4 strokes a minute, each taking 15 s: once a whole stroke is known, every reminder says 4 (it said 7 early
        // in each stroke and 3 late in it, by the stroke in progress alone)
        RecordingSink sink = Engines.run("very-slow", SimOptions.defaults());
        List<JsonNode> slow = sink.events("cadence", "too-slow");
        assertTrue(slow.size() >= 4, sink.verdicts().toString());
        for (JsonNode e : slow.subList(1, slow.size())) {
            assertEquals("Keep it moving: 4 strokes a minute; aim for 15-60.", e.get("message").asText(),
                e.toString());
        }
    }

    @Test
    void everyEventAndCoachMessageHasSpeechWithoutUnitLetters() {
        RecordingSink sink = Engines.run("full-session", SimOptions.defaults());
        for (JsonNode e : sink.events) {
            String speech = e.get("speech").asText("");
            assertFalse(speech.isBlank(), "no speech: " + e);
            assertFalse(speech.matches(".*\\d+(\\.\\d+)? ?(s|in|N|cm|mm|kg|lb)\\b.*"), "units as letters: " + speech);
        }
        for (JsonNode c : sink.coach) {
            assertFalse(c.get("speech").asText("").isBlank(), "no speech: " + c);
        }
    }

    @Test
    void theSessionEndsWithAReviewAgainstTheLastSessions() {
        RecordingSink sink = new RecordingSink();
        TechniqueEngine engine = Engines.engine(sink);
        Rolling rolling = new Rolling(engine);
        rolling.roll(60, 38, 30, 250).lift(2);
        engine.execute(new Command.EndSession());
        rolling.roll(60, 80, 30, 250).lift(2);
        engine.execute(new Command.EndSession());
        List<JsonNode> reviews = sink.events("session", "summary");
        assertEquals(2, reviews.size());
        JsonNode second = reviews.get(1);
        assertTrue(second.get("message").asText().contains("Next time: keep strokes to 1-2 in"), second.toString());
        assertTrue(second.get("message").asText().contains("Last sessions: " + reviews.get(0).get("value").asInt()),
            second.toString());
        JsonNode summary = sink.summaries.get(sink.summaries.size() - 1);
        assertEquals("stroke", summary.get("nextTimeRule").asText());
        assertEquals(1, summary.get("previous").size());
        assertTrue(summary.get("withinGuide").get("stroke").asDouble() < 0.5, summary.toString());
        JsonNode coach = sink.coach.get(sink.coach.size() - 1);
        assertEquals("done", coach.get("kind").asText());
        assertTrue(coach.get("message").asText().startsWith("Score "), coach.toString());
    }

    @Test
    void aRollerRestartMidSessionContinuesWithoutASecondContact() {
        RecordingSink sink = Engines.run("roller-restart", SimOptions.defaults());
        assertEquals(1, sink.events("contact", "on").size(), sink.verdicts().toString());
        assertEquals(1, sink.events("session", "started").size());
        assertNotNull(sink.events("trigger-point", "done").get(0));
    }

    @Test
    void bouncesNeverEndContact() {
        RecordingSink sink = Engines.run("bounces", SimOptions.defaults());
        assertTrue(sink.events("contact", "off").size() <= 1, "only the end: " + sink.verdicts());
        assertTrue(sink.events("trigger-point", "left-early").isEmpty());
    }

    @Test
    void slowRollingGetsTheCadenceAdviceNotHoldStill() {
        RecordingSink sink = Engines.run("very-slow", SimOptions.defaults());
        assertFalse(sink.events("cadence", "too-slow").isEmpty());
        assertTrue(sink.events("hold", "still").isEmpty(), sink.verdicts().toString());
    }

    @Test
    void theSecondsHeldBeforeAHoldIsFoundEarnNothing() {
        // hold-still: 30 s loaded, of which 8 s held without moving (10-18 s); the hold is found 4 s into it
        RecordingSink sink = Engines.run("hold-still", SimOptions.defaults());
        assertFalse(sink.events("hold", "still").isEmpty());
        JsonNode summary = sink.summaries.get(sink.summaries.size() - 1);
        double loaded = summary.get("loadedSeconds").asDouble();
        assertTrue(summary.get("creditedSeconds").asDouble() <= loaded - 8, summary.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-way-lift", "one-way-drag"})
    void pushingOneWayIsCoachedAndEarnsNoCredit(String name) {
        RecordingSink sink = Engines.run(name, SimOptions.defaults());
        assertFalse(sink.events("stroke", "one-way").isEmpty());
        JsonNode summary = sink.summaries.get(sink.summaries.size() - 1);
        assertTrue(summary.get("creditedSeconds").asDouble() < 5, summary.toString());
    }

    @Test
    void steadinessAndContactSettingsOutsideTheirBoundsAreRefusedByName() {
        TechniqueConfig config = TechniqueConfig.defaults();
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
            () -> config.with("steady.faultStrokes", 0));
        assertTrue(zero.getMessage().startsWith("steady.faultStrokes must be a whole number from 1 to 10"),
            zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config.with("steady.mendS", 0));
        assertThrows(IllegalArgumentException.class, () -> config.with("steady.mendStrokes", 1.5));
        IllegalArgumentException bounce = assertThrows(IllegalArgumentException.class,
            () -> config.with("contact.minOffS", 0.2));
        assertTrue(bounce.getMessage().contains("contact.minOffS must be from 0.25 to 1"), bounce.getMessage());
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class,
            () -> config.with("person.units", "furlongs"));
        assertTrue(units.getMessage().contains("\"in\" or \"cm\""), units.getMessage());
    }

    private static final Map<String, byte[]> RENDERED = new HashMap<>();

    private static synchronized byte[] scenarioBytes(String name) {
        return RENDERED.computeIfAbsent(name,
            n -> RollerSimulator.renderAll(ScenarioLibrary.load(n), SimOptions.defaults()));
    }
}
