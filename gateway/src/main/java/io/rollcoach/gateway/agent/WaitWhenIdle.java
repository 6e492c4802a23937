package io.rollcoach.gateway.agent;

import org.agrona.concurrent.IdleStrategy;

/**
 * An idle strategy that waits only after a duty cycle that did no work; how it waits is the subclass's {@link #idle()}.
 * Used by one agent's thread.
 */
public abstract class WaitWhenIdle implements IdleStrategy {
    @Override
    public final void idle(int workCount) {
        if (workCount <= 0) {
            idle();
        }
    }

    @Override
    public void reset() {
    }
}
