package io.rollcoach.sim.scenario;

import java.util.List;

/**
 * What a simulated person does, and what a coach should say about it.
 *
 * @param expectedVerdicts  "rule verdict" pairs (e.g. {@code stroke too-long}) the engine must say
 * @param forbiddenVerdicts pairs it must not say
 * @param corruptRate       default fraction of bytes corrupted on the wire
 * @param dropRate          default fraction of frames lost on the wire
 */
public record Scenario(String name, String description, List<Segment> segments, List<String> expectedVerdicts,
                       List<String> forbiddenVerdicts, double corruptRate, double dropRate) {
    public Scenario {
        segments = List.copyOf(segments);
        expectedVerdicts = expectedVerdicts == null ? List.of() : List.copyOf(expectedVerdicts);
        forbiddenVerdicts = forbiddenVerdicts == null ? List.of() : List.copyOf(forbiddenVerdicts);
    }

    public double durationSeconds() {
        double total = 0;
        for (Segment segment : segments) {
            total += segment.durationSeconds() + segment.restSeconds();
        }
        return total;
    }
}
