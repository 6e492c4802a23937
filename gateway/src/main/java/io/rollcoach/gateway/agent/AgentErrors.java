package io.rollcoach.gateway.agent;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.agrona.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error handler of one agent (or worker): counts every error, logs the first with its stack trace and later ones
 * at most once a minute as one line with the count, so a fault that repeats per sample never floods the log. The
 * agent goes on: {@link org.agrona.concurrent.AgentRunner} keeps running after {@link #onError} returns, and inputs
 * hand their listener's exceptions here and read on. Called on the agent's thread; {@link #count()} from any.
 */
public final class AgentErrors implements ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AgentErrors.class);
    /** Later errors are summed up at most this often. */
    static final long SUMMARY_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String roleName;
    private final LongSupplier nanoClock;
    private final AtomicLong count = new AtomicLong();
    /** When the last line was logged; errors may come from two threads (an agent and its closer), hence atomic. */
    private final AtomicLong loggedAtNanos = new AtomicLong();

    public AgentErrors(String roleName) {
        this(roleName, System::nanoTime);
    }

    AgentErrors(String roleName, LongSupplier nanoClock) {
        this.roleName = Objects.requireNonNull(roleName, "roleName");
        this.nanoClock = nanoClock;
    }

    /** The agent's role name, which is also its thread's name: the key in the health's {@code agentErrors}. */
    public String roleName() {
        return roleName;
    }

    /** Errors since the agent was made. */
    public long count() {
        return count.get();
    }

    @Override
    public void onError(Throwable problem) {
        long errors = count.incrementAndGet();
        long now = nanoClock.getAsLong();
        if (errors == 1) {
            loggedAtNanos.set(now);
            LOG.error("{} failed; it goes on, counting its errors in the health (agentErrors)", roleName, problem);
            return;
        }
        long logged = loggedAtNanos.get();
        if (now - logged >= SUMMARY_EVERY_NANOS && loggedAtNanos.compareAndSet(logged, now)) {
            LOG.warn("{}: {} errors so far, still going; the latest: {}", roleName, errors, problem.toString());
        }
    }

    @Override
    public String toString() {
        return roleName + ": " + count.get() + " errors";
    }
}
