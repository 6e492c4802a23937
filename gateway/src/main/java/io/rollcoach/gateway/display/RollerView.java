package io.rollcoach.gateway.display;

import java.util.ArrayDeque;

/**
 * The latest of everything one roller said, so a page that connects late starts from the current state. Written
 * by the relay thread only; the fields are volatile so the HTTP threads can read a recent value for the overview.
 */
final class RollerView {
    /** Recent events a late page shows in its history. */
    static final int RECENT_EVENTS = 12;

    final String roller;
    volatile String status;    // "online" / "offline", null until said
    volatile String info;      // JSON or null
    volatile String session;   // JSON or null
    volatile String telemetry; // JSON or null
    volatile String coach;     // JSON or null: the focus or the current task
    volatile String currentStep; // the summary's current step title, for the overview
    private final ArrayDeque<String> recent = new ArrayDeque<>(RECENT_EVENTS); // relay thread only

    RollerView(String roller) {
        this.roller = roller;
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
