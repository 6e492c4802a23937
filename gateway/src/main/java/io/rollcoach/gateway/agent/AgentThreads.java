package io.rollcoach.gateway.agent;

import org.agrona.concurrent.AgentRunner;

/**
 * Starts an agent on a daemon thread named after its role, and stops it within a bound. Agrona's own
 * {@link AgentRunner#close()} waits for the agent as long as it takes (interrupting it every 5 s): a stuck disk or
 * port must not hold up a gateway's stop, so the wait here ends at a deadline and says so. Called by whoever owns the
 * agent, from any thread but the agent's own.
 */
public final class AgentThreads {
    private AgentThreads() {
    }

    /** Runs {@code runner} on a new daemon thread named after its agent's {@code roleName()}; returns the thread. */
    public static Thread start(AgentRunner runner) {
        return AgentRunner.startOnThread(runner, work -> {
            Thread thread = new Thread(work, runner.agent().roleName());
            thread.setDaemon(true); // never what keeps the JVM alive: the gateway's close stops them in order
            return thread;
        });
    }

    /**
     * Stops the agent and waits until its {@code onClose} has run, or {@code waitMs} at most. An agent never started
     * has its {@code onClose} run here, on the caller's thread; one closed from its own thread (a listener closing its
     * input) cannot wait for itself and stops when its duty cycle ends.
     *
     * @return false if it is still running after {@code waitMs} (it stops by itself once its duty cycle ends)
     */
    public static boolean close(AgentRunner runner, int waitMs) {
        boolean ownThread = runner.thread() == Thread.currentThread();
        try {
            // never 0, which Thread.join takes as "for ever"
            runner.close(ownThread ? 1 : Math.max(1, waitMs), thread -> {
                throw new StillRunning();
            });
            return true;
        } catch (StillRunning e) {
            return ownThread;
        }
    }

    /** Ends the wait in {@link #close}: AgentRunner would otherwise wait for its agent for ever. */
    private static final class StillRunning extends RuntimeException {
        StillRunning() {
            super("still running", null, false, false);
        }
    }
}
