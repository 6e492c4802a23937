package io.rollcoach.gateway.history;

import java.util.List;
import java.util.Map;

/** One kept session, as the command, the page and the CSV show it. */
public record SessionRecord(long id, String roller, String person, long startedAt, Long endedAt, String status,
                            double seconds, int strokes, double meanStrokeMm, double meanLoadN, double meanCadence,
                            int pointsDone, int pointsLeftEarly, Map<String, Integer> warnings, String captureFile,
                            List<Step> steps, List<Tissue> tissues, List<TriggerPoint> triggerPoints,
                            List<Event> events) {
    public record Step(String id, String title, String kind, double seconds, double target, Integer reps,
                       boolean done, boolean skipped) {
    }

    public record Tissue(String id, String title, double seconds, double target, boolean done) {
    }

    public record TriggerPoint(double t, String step, double dwellSeconds, String outcome) {
    }

    public record Event(long n, double t, String rule, String verdict, String severity, String step, Double value,
                        String message) {
    }

    public int totalWarnings() {
        return warnings.values().stream().mapToInt(Integer::intValue).sum();
    }
}
