package io.rollcoach.gateway.mqtt;

import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Paho runs on, given to its client in place of its own. Paho starts its sender, receiver and callback
 * loops one after the other (eclipse-paho/paho.mqtt.java#945): each {@code start} submits the loop while holding the
 * loop's {@code lifecycle} lock, lets go of it, and at once asks "running yet?"; if the loop, which needs that lock to
 * say so, has not won it in that instant, {@code start} sleeps 100 ms. It lost often enough on two busy cores that a
 * connect took 0.1 to 0.3 s longer from one start to the next.
 *
 * <p>So a submitted loop is marked running here, under the lock its {@code start} holds, before its thread is even
 * started: Paho's first look finds it running. The loop marks itself running again when it begins, as it would
 * anyway, and stopped when it ends; a loop stopped before its thread ran still runs, sees it is to stop, and ends so.
 * A task that is not such a loop (or a Paho whose fields are not as expected) is started and waited for briefly.
 *
 * <p>Each submitted or executed task gets a daemon thread of its own, as without an executor; Paho's keep-alive
 * pings are scheduled on the one pool thread. Paho never shuts an executor down: {@link BrokerConnection} does.
 */
final class PahoThreads extends ScheduledThreadPoolExecutor {
    /** How long to wait for a task that is not a known loop to begin before leaving it to Paho's own polling. */
    private static final long BEGIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final String NOT_YET_NAMED = "mqtt-paho-starting";
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger markedRunning = new AtomicInteger();

    PahoThreads() {
        super(1, task -> {
            Thread thread = new Thread(task, "mqtt-ping");
            thread.setDaemon(true);
            return thread;
        });
        setRemoveOnCancelPolicy(true);
    }

    /** Paho's loops: marked running and started; returns at once (see the class comment). */
    @Override
    public Future<?> submit(Runnable task) {
        LoopState state = LoopState.of(task);
        AtomicBoolean ran = new AtomicBoolean();
        FutureTask<Void> future = new FutureTask<>(() -> {
            ran.set(true);
            task.run();
        }, null);
        CountDownLatch begun = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            begun.countDown();
            future.run();
            if (!ran.get()) {
                // stopped before its thread ran: run it all the same, as Paho's own thread would; it sees it is to
                // stop and marks itself stopped, so the next start finds it so
                task.run();
            }
        }, NOT_YET_NAMED + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        if (state != null && state.markRunning()) {
            markedRunning.incrementAndGet();
            thread.start();
            return future;
        }
        thread.start();
        waitForTheLoopToBegin(thread, begun);
        return future;
    }

    /** How many loops were marked running on submit: 3 a connect with the Paho this was written for. */
    int loopsMarkedRunning() {
        return markedRunning.get();
    }

    /** The fallback: the loop renames its thread first thing, then marks itself running; wait for the rename. */
    private static void waitForTheLoopToBegin(Thread thread, CountDownLatch begun) {
        long deadline = System.nanoTime() + BEGIN_WAIT_NANOS;
        try {
            if (begun.await(BEGIN_WAIT_NANOS, TimeUnit.NANOSECONDS)) {
                while (thread.getName().startsWith(NOT_YET_NAMED) && thread.isAlive() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                Thread.yield();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Paho's one-off tasks (connecting, disconnecting): a thread each, started at once. */
    @Override
    public void execute(Runnable task) {
        Thread thread = new Thread(task, "mqtt-paho-task-" + count.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A Paho loop's {@code lifecycle} lock and {@code current_state} (an enum with a RUNNING), reached by
     * reflection: Paho offers no other way in. Null for anything else.
     */
    static final class LoopState {
        private final Object loop;
        private final Object lifecycle;
        private final Field current;
        private final Object running;

        private LoopState(Object loop, Object lifecycle, Field current, Object running) {
            this.loop = loop;
            this.lifecycle = lifecycle;
            this.current = current;
            this.running = running;
        }

        static LoopState of(Runnable task) {
            try {
                Field lifecycleField = task.getClass().getDeclaredField("lifecycle");
                Field current = task.getClass().getDeclaredField("current_state");
                if (!current.getType().isEnum()) {
                    return null;
                }
                lifecycleField.setAccessible(true);
                current.setAccessible(true);
                Object running = null;
                for (Object constant : current.getType().getEnumConstants()) {
                    running = ((Enum<?>) constant).name().equals("RUNNING") ? constant : running;
                }
                Object lifecycle = lifecycleField.get(task);
                return running == null || lifecycle == null ? null : new LoopState(task, lifecycle, current, running);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // not a loop of the Paho this was written for: the fallback waits for it instead
            }
        }

        /** Called by the loop's {@code start}, which holds the lock: taking it again here is at once. */
        boolean markRunning() {
            synchronized (lifecycle) {
                try {
                    current.set(loop, running);
                    return true;
                } catch (IllegalAccessException | RuntimeException e) {
                    return false;
                }
            }
        }
    }
}
