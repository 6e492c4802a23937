package io.rollcoach.gateway.speech;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What to say and when, the same rules as the page: the coach's focus when it starts and again at most every
 * {@code repeatSeconds} while it lasts; good news once; a new task when its step changes; the end once. Without a
 * coach state (an older engine) the newest warning is the focus until its rule says something that is not a
 * warning. One instance per output, used on its one thread; times are {@link System#nanoTime()}.
 */
final class SpeechRules {
    private final long repeatNanos;
    private final Map<String, Roller> rollers = new HashMap<>();

    SpeechRules(double repeatSeconds) {
        this.repeatNanos = (long) (repeatSeconds * 1e9);
    }

    private static final class Roller {
        boolean coachSeen;
        String focusKey;
        String focusText;
        long focusSaidNanos;
        String taskStep;
        boolean doneSaid;
    }

    /** A {@code coach} message: what to say now, if anything. */
    List<String> onCoach(String device, JsonNode coach, long nowNanos) {
        Roller r = rollers.computeIfAbsent(device, d -> new Roller());
        r.coachSeen = true;
        List<String> say = new ArrayList<>(1);
        String kind = coach.path("kind").asText("");
        String text = words(coach);
        if (!kind.equals("done")) {
            r.doneSaid = false;
        }
        if (kind.equals("focus")) {
            String key = coach.path("rule").asText() + "|" + coach.path("verdict").asText() + "|"
                + coach.path("since").asText();
            boolean good = "good".equals(coach.path("severity").asText());
            if (!key.equals(r.focusKey)) {
                r.focusKey = key;
                r.focusText = good ? null : text; // praise as a focus is said once, not repeated
                r.focusSaidNanos = nowNanos;
                add(say, text);
            } else if (!good) {
                r.focusText = text; // the words may change (a new number) while the focus stays
            }
            return say;
        }
        r.focusKey = null;
        r.focusText = null;
        if (kind.equals("task")) {
            String step = coach.path("step").asText(null);
            if (step != null && !step.equals(r.taskStep)) {
                r.taskStep = step;
                add(say, text);
            }
        } else if (kind.equals("done") && !r.doneSaid) {
            r.doneSaid = true;
            add(say, text);
        }
        return say;
    }

    /** A {@code feedback} event: good news and errors once; without a coach state a warning is the focus. */
    List<String> onFeedback(String device, JsonNode event, long nowNanos) {
        Roller r = rollers.computeIfAbsent(device, d -> new Roller());
        List<String> say = new ArrayList<>(1);
        String severity = event.path("severity").asText("info");
        String text = words(event);
        boolean urgent = severity.equals("warn") || severity.equals("error");
        if (!r.coachSeen) {
            String rule = event.path("rule").asText();
            if (urgent) {
                String key = rule + "|" + event.path("verdict").asText();
                if (!key.equals(r.focusKey)) {
                    r.focusKey = key;
                    r.focusSaidNanos = nowNanos;
                    add(say, text);
                }
                r.focusText = text;
                return say;
            }
            if (r.focusKey != null && r.focusKey.startsWith(rule + "|")) {
                r.focusKey = null; // mended
                r.focusText = null;
            }
        } else if (severity.equals("error")) {
            add(say, text);
            return say;
        }
        if (severity.equals("good")) {
            add(say, text);
        }
        return say;
    }

    /** Repeats of a focus that lasts, due now. */
    List<String> due(long nowNanos) {
        List<String> say = new ArrayList<>(1);
        for (Roller r : rollers.values()) {
            if (r.focusText != null && nowNanos - r.focusSaidNanos >= repeatNanos) {
                r.focusSaidNanos = nowNanos;
                add(say, r.focusText);
            }
        }
        return say;
    }

    private static String words(JsonNode message) {
        String speech = message.path("speech").asText("");
        return SpeechText.speakable(speech.isBlank() ? message.path("message").asText("") : speech);
    }

    private static void add(List<String> say, String text) {
        if (text != null && !text.isBlank()) {
            say.add(text);
        }
    }
}
