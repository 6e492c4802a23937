package io.rollcoach.gateway.display;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connected page's queue of Server-Sent Events frames. The relay thread offers (never blocking); the page's
 * HTTP thread takes and writes. A slow page loses telemetry first; when its queue is full of events it cannot
 * lose, it is closed (the browser reconnects and gets the current state in its {@code hello}).
 */
final class SseClient {
    /** Frames waiting, at most; about 10 s of telemetry plus events for one roller. */
    static final int CAPACITY = 256;
    /** Telemetry waiting, at most: older snapshots are worthless once a newer one is queued behind them. */
    static final int MAX_TELEMETRY = 32;

    /** An encoded frame, shared by every client it goes to. */
    record Frame(byte[] bytes, boolean droppable) {
    }

    static final Frame CLOSE = new Frame(new byte[0], false);

    private final String roller; // null: every roller
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    private final ArrayDeque<Frame> queue = new ArrayDeque<>(CAPACITY);
    private int telemetryQueued;
    private long dropped;
    private boolean closed;
    private boolean overflowed;

    SseClient(String roller) {
        this.roller = roller;
    }

    boolean wants(String device) {
        return roller == null || roller.equals(device);
    }

    String roller() {
        return roller;
    }

    /** Relay thread. Returns false when the frame was dropped for this client. */
    boolean offer(Frame frame) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (frame.droppable() && telemetryQueued >= MAX_TELEMETRY) {
                dropOldestDroppable();
            }
            if (queue.size() >= CAPACITY) {
                if (frame.droppable() || !dropOldestDroppable()) {
                    if (!frame.droppable()) {
                        // Only events are waiting: the page is not keeping up at all. Closing it loses nothing
                        // silently, since its next hello carries the state and recent events.
                        overflowed = true;
                        closed = true;
                        waiting.signalAll();
                    }
                    dropped++;
                    return false;
                }
            }
            queue.addLast(frame);
            if (frame.droppable()) {
                telemetryQueued++;
            }
            waiting.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean dropOldestDroppable() {
        for (Iterator<Frame> it = queue.iterator(); it.hasNext(); ) {
            if (it.next().droppable()) {
                it.remove();
                telemetryQueued--;
                dropped++;
                return true;
            }
        }
        return false;
    }

    /** The page's thread: the next frame, null after {@code timeoutMs} with nothing, {@link #CLOSE} once closed. */
    Frame take(long timeoutMs) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed) {
                    return CLOSE;
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = waiting.awaitNanos(nanos);
            }
            Frame frame = queue.pollFirst();
            if (frame.droppable()) {
                telemetryQueued--;
            }
            return frame;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            telemetryQueued = 0;
            waiting.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    boolean hasOverflowed() {
        lock.lock();
        try {
            return overflowed;
        } finally {
            lock.unlock();
        }
    }
}
