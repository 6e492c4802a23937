package io.rollcoach.gateway.mqtt;

import java.lang.reflect.Field;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * A task that is not such a loop (or a Paho whose fields are not as expected) is only started: waiting for it here
 * would not help, since its {@code start} holds the lock the loop needs until this returns.
 *
 * <p>Each submitted or executed task gets a daemon thread of its own, as without an executor; Paho's keep-alive
 * pings are scheduled on the one pool thread. Paho never shuts an executor down: {@link BrokerConnection} does.
 */
final class PahoThreads extends ScheduledThreadPoolExecutor {
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
        AtomicBoolean ran = new AtomicBoolean();
        FutureTask<Void> future = new FutureTask<>(() -> {
            ran.set(true);
            task.run();
        }, null);
        Thread thread = new Thread(() -> {
            future.run();
            if (!ran.get()) {
                // cancelled (Paho's stop) before its thread ran: run it all the same, interrupted as the cancel asked,
                // as Paho's own thread would; it sees it is to stop and marks itself stopped for the next start
                Thread.currentThread().interrupt();
                task.run();
            }
        }, "mqtt-paho-loop-" + count.incrementAndGet()); // Paho renames it MQTT Snd/Rec/Call
        thread.setDaemon(true);
        LoopState state = LoopState.of(task);
        if (state != null && state.markRunning()) {
            markedRunning.incrementAndGet();
        }
        thread.start();
        return future;
    }

    /** How many loops were marked running on submit: 3 a connect with the Paho this was written for. */
    int loopsMarkedRunning() {
        return markedRunning.get();
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
     * reflection: Paho offers no other way in.
     */
    private record LoopState(Object loop, Object lifecycle, Field current, Object running) {
        /** Null for anything but such a loop. */
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
                return null; // not a loop of the Paho this was written for: Paho's own polling finds it running
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
