package io.rollcoach.gateway.outbox;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import io.rollcoach.gateway.agent.WaitWhenIdle;

/**
 * The outputs' idle strategy (MQTT publisher, display relay, history writer, console, speech): after a duty cycle with
 * no work it parks until an engine writes to the output's subscription (the outbox unparks it) or a bound passes, so
 * an event goes out as soon as it is written and nothing polls while the rollers are quiet. The bound is how soon the
 * agent must look again without a write (reconnects, closed pages, a stop); it may change per cycle. An agent may also
 * {@link #holdOff} its next idles, writes or not: a batch gathering, a failing disk's retry. Used by one agent's
 * thread.
 */
public final class OutboxIdleStrategy extends WaitWhenIdle {
    private final Outbox.Subscription subscription;
    private final LongSupplier maxParkNanos;
    private boolean holding;
    private long holdUntilNanos;

    /** Parks until a write, or {@code maxParkNanos} at most. */
    public OutboxIdleStrategy(Outbox.Subscription subscription, long maxParkNanos) {
        this(subscription, fixed(maxParkNanos));
    }

    /** Parks until a write, or as long as {@code maxParkNanos} says before each park at most; it must not allocate. */
    public OutboxIdleStrategy(Outbox.Subscription subscription, LongSupplier maxParkNanos) {
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.maxParkNanos = Objects.requireNonNull(maxParkNanos, "maxParkNanos");
    }

    private static LongSupplier fixed(long maxParkNanos) {
        if (maxParkNanos <= 0) {
            throw new IllegalArgumentException("the longest park must be > 0 ns, was " + maxParkNanos);
        }
        return () -> maxParkNanos;
    }

    /**
     * The next idles sleep until {@code nanos} from now whatever is written, in parks of at most the bound (so a stop
     * is still seen in time). The agent's thread only.
     */
    public void holdOff(long nanos) {
        holding = true;
        holdUntilNanos = System.nanoTime() + nanos;
    }

    @Override
    public void idle() {
        long bound = maxParkNanos.getAsLong();
        if (holding) {
            long left = holdUntilNanos - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(this, Math.min(left, bound));
                return;
            }
            holding = false;
        }
        subscription.awaitMessages(bound);
    }

    @Override
    public String alias() {
        return "outbox";
    }
}
