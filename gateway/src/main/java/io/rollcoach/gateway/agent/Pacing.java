package io.rollcoach.gateway.agent;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces an input that plays frames by time (the simulator, a replay): after a cycle without a due frame it parks
 * for as long as the agent last said, until its next frame or tick. The agent's thread only.
 */
public final class Pacing extends WaitWhenIdle {
    private long parkNanos;

    /** How long the next idle may park: until the next frame or tick is due. */
    public void parkFor(long nanos) {
        this.parkNanos = nanos;
    }

    @Override
    public void idle() {
        LockSupport.parkNanos(this, parkNanos);
    }
}
