package io.rollcoach.gateway.technique;

/** The way back to the roller: cues it buzzes or lights (protocol v1 CUE). Called on the roller's thread. */
@FunctionalInterface
public interface RollerLink {
    int CUE_GOOD = 1;
    int CUE_ADJUST = 2;
    int CUE_STEP_DONE = 3;
    int CUE_SESSION_DONE = 4;

    /** Sends a cue if the roller is connected; returns false when it could not be sent. Never blocks for long. */
    boolean cue(int pattern, int durationMs);

    RollerLink NONE = (pattern, durationMs) -> false;
}
