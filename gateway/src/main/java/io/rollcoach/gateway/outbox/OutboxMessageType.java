package io.rollcoach.gateway.outbox;

/** Kinds of message in the outbox; each carries one JSON object (or plain text for statuses). */
public final class OutboxMessageType {
    /** A feedback event, the engine's JSON; never to be dropped downstream. */
    public static final int FEEDBACK = 1;
    /** A telemetry snapshot, about 10 Hz; may be dropped when an output lags. */
    public static final int TELEMETRY = 2;
    /** The roller's link: {@code online} or {@code offline}. */
    public static final int ROLLER_STATUS = 3;
    /** The roller's firmware, rate, radius, sensors, battery and faults, JSON. */
    public static final int ROLLER_INFO = 4;
    /** The summary of the session so far, JSON. */
    public static final int SESSION = 5;
    /** The coach's state: the one thing to change now, or the current task, JSON; retained. */
    public static final int COACH = 6;

    private OutboxMessageType() {
    }

    public static String name(int type) {
        switch (type) {
            case FEEDBACK: return "feedback";
            case TELEMETRY: return "telemetry";
            case ROLLER_STATUS: return "status";
            case ROLLER_INFO: return "info";
            case SESSION: return "session";
            case COACH: return "coach";
            default: return "type-" + type;
        }
    }
}
