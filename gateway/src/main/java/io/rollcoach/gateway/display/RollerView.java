package io.rollcoach.gateway.display;

import java.io.IOException;
import java.util.ArrayDeque;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The latest of everything one roller said, so a page that connects late starts from the current state. Written
 * by the relay thread only; the fields are volatile so the HTTP threads can read a recent value for the overview.
 */
final class RollerView {
    /** Recent events a late page shows in its history. */
    static final int RECENT_EVENTS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    final String roller;
    volatile String status;    // "online" / "offline", null until said
    volatile String info;      // JSON or null
    volatile String session;   // JSON or null
    volatile String telemetry; // JSON or null
    volatile String coach;     // JSON or null: the focus or the current task
    /** The summary {@link #currentStep} was last read from, and what it gave: parsed once per summary, on demand. */
    private String stepOf;
    private String step;
    private final ArrayDeque<String> recent = new ArrayDeque<>(RECENT_EVENTS); // relay thread only

    RollerView(String roller) {
        this.roller = roller;
    }

    /**
     * The current step's title for the overview, or null without a session. Parsed here, on a page's request, not by
     * the relay for every summary: the relay's work is sharing the cores with an event on its way out.
     */
    synchronized String currentStep() {
        String summary = session;
        if (summary != stepOf) {
            stepOf = summary;
            step = summary == null ? null : stepTitle(summary);
        }
        return step;
    }

    private static String stepTitle(String summary) {
        try {
            JsonNode root = JSON.readTree(summary);
            if (!root.path("active").asBoolean(false) || root.path("step").isNull()) {
                return null;
            }
            JsonNode current = root.path("steps").path(root.path("stepIndex").asInt(-1));
            return current.path("title").asText(root.path("step").asText(null));
        } catch (IOException | RuntimeException e) {
            return null; // the overview goes without the step; the page parses the summary itself
        }
    }

    void onFeedback(String json) {
        if (recent.size() == RECENT_EVENTS) {
            recent.removeFirst();
        }
        recent.addLast(json);
    }

    /**
     * Relay thread: {@code {"roller":..,"status":..,"info":..,"session":..,"telemetry":..,"coach":..,"recent":[..]}}.
     */
    void appendState(StringBuilder sb) {
        sb.append("{\"roller\":");
        Json.quote(sb, roller);
        sb.append(",\"status\":");
        Json.quote(sb, status);
        sb.append(",\"info\":").append(info == null ? "null" : info);
        sb.append(",\"session\":").append(session == null ? "null" : session);
        sb.append(",\"telemetry\":").append(telemetry == null ? "null" : telemetry);
        sb.append(",\"coach\":").append(coach == null ? "null" : coach);
        sb.append(",\"recent\":[").append(String.join(",", recent)).append("]}");
    }
}
