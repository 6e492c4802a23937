package io.rollcoach.gateway.mqtt;

/** What a message waiting for the broker is: whether it is retained, and which counter its drop goes to. */
enum MessageKind {
    /** A retained state: only its latest value waits, and it is never dropped. */
    STATE(true),
    /** A telemetry snapshot, or a roller's throttled {@code state}; stale soon, so the cheapest to lose. */
    TELEMETRY(false),
    /** A feedback event. */
    FEEDBACK(false),
    /** The answer to a command. */
    ANSWER(false);

    private final boolean retained;

    MessageKind(boolean retained) {
        this.retained = retained;
    }

    boolean isRetained() {
        return retained;
    }
}
