package io.rollcoach.gateway.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.Scenario;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario, through the real decoder into the engine: the verdicts it should give come, the ones it
 * must not never do, and what a corrupted, lossy, wrapping or HELLO-less stream says about the rolling is the same.
 */
class ScenarioVerdictsTest {

    static Stream<String> scenarios() {
        return ScenarioLibrary.names().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void givesTheVerdictsTheScenarioExpects(String name) {
        Scenario scenario = ScenarioLibrary.load(name);
        List<String> said = Engines.run(name, SimOptions.defaults()).verdicts();
        for (String expected : scenario.expectedVerdicts()) {
            assertTrue(said.contains(expected), name + " should say " + expected + "; said " + said);
        }
        for (String forbidden : scenario.forbiddenVerdicts()) {
            assertFalse(said.contains(forbidden), name + " must not say " + forbidden + "; said " + said);
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void degradedStreamsChangeNoVerdict(String name) {
        List<String> clean = Engines.run(name, SimOptions.defaults()).techniqueVerdicts();
        assertFalse(clean.isEmpty());
        SimOptions[] degraded = {
            SimOptions.defaults().withClockStartUs(0xFFFF_FFFFL - 2_000_000), // wraps 2 s in
            SimOptions.defaults().withSendHello(false),
            SimOptions.defaults().withDropRate(0.02),
            SimOptions.defaults().withCorruptRate(0.002),
        };
        for (SimOptions options : degraded) {
            assertEquals(clean, Engines.run(name, options).techniqueVerdicts(), name + " with " + options);
        }
    }

    @Test
    void goodTechniqueGivesNoWarnings() {
        for (String name : List.of("good-technique", "noisy-good", "lift-offs", "full-session")) {
            RecordingSink sink = Engines.run(name, SimOptions.defaults());
            List<String> warnings = sink.events.stream().filter(e -> e.get("severity").asText().equals("warn")
                && !e.get("rule").asText().equals("data")).map(JsonNode::toString).collect(Collectors.toList());
            assertEquals(List.of(), warnings, name);
        }
    }

    @Test
    void dataProblemsAreSaidButNotFlooded() {
        RecordingSink sink = Engines.run("good-technique", SimOptions.defaults().withDropRate(0.05));
        List<JsonNode> lost = sink.events("data", "frames-lost");
        assertFalse(lost.isEmpty());
        // at most one report per repeat interval (5 s) over the 100 s scenario, yet every lost frame is counted
        assertTrue(lost.size() <= 100 / 5 + 1, "reports: " + lost.size());
        assertTrue(lost.stream().mapToDouble(e -> e.get("value").asDouble()).sum() > 300);
    }

    @Test
    void fullSessionWalksTheGuidesOrderForBothLegs() {
        RecordingSink sink = Engines.run("full-session", SimOptions.defaults());
        List<String> started = sink.events("step", "started").stream().map(e -> e.get("step").asText())
            .collect(Collectors.toList());
        List<String> order = List.of("soleus", "lateral-soleus", "medial-soleus", "gastrocs", "lateral-gastroc",
            "medial-gastroc", "trigger-points", "hands-on");
        List<String> expected = Stream.concat(order.stream().map(s -> s + "-left"),
                order.stream().map(s -> s + "-right"))
            .collect(Collectors.toList());
        assertEquals(expected, started);
        assertEquals(16, sink.events("step", "done").size());
        assertEquals(4, sink.events("tissue", "done").size(), "soleus and gastroc groups, each leg");
        JsonNode done = sink.events("session", "done").get(0);
        JsonNode review = sink.events("session", "summary").get(0);
        assertEquals(done.get("n").asLong() + 1, review.get("n").asLong(), "the review follows the session's end");
        assertEquals(sink.events.get(sink.events.size() - 1), review, "the review is the last thing said");
        assertTrue(review.get("value").asInt() >= 80, "a session rolled well scores well: " + review);
        JsonNode summary = sink.summaries.get(sink.summaries.size() - 1);
        assertFalse(summary.get("active").asBoolean());
        summary.get("steps").forEach(step -> assertTrue(step.get("done").asBoolean(), step.toString()));
        assertTrue(summary.get("strokes").asInt() > 200);
    }
}
