package io.rollcoach.gateway.display;

import io.rollcoach.gateway.outbox.Outbox;
import org.agrona.concurrent.IdleStrategy;

/**
 * The relay's idle strategy: after a cycle with no work it parks until an engine writes to the display's
 * subscription (the outbox unparks it) or {@code maxNanos} pass. Used on the {@code display-relay} thread only.
 */
final class OutboxIdleStrategy implements IdleStrategy {
    private final Outbox.Subscription subscription;
    private final long maxNanos;

    OutboxIdleStrategy(Outbox.Subscription subscription, long maxNanos) {
        this.subscription = subscription;
        this.maxNanos = maxNanos;
    }

    @Override
    public void idle(int workCount) {
        if (workCount <= 0) {
            idle();
        }
    }

    @Override
    public void idle() {
        subscription.awaitMessages(maxNanos);
    }

    @Override
    public void reset() {
    }

    @Override
    public String alias() {
        return "outbox";
    }
}
