package io.rollcoach.gateway.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Fans each message from the engines out to every output, one bounded ring per output so that a slow or failed
 * output falls behind alone. Producers are the roller input threads (many); each {@link Subscription} is drained
 * by its output's one thread. Offering never blocks and never allocates: when an output's ring is full the
 * message is dropped for that output only and counted.
 *
 * <p>Record layout in a ring: {@code device length u8 | device ASCII | body}.
 */
public final class Outbox implements MessageSink {
    /** Default ring size per output: about a minute of telemetry from a busy gateway. */
    public static final int DEFAULT_CAPACITY_BYTES = 1 << 20;

    private final List<Subscription> subscriptions = new ArrayList<>();
    private final int capacityBytes;
    private Subscription[] fanout = new Subscription[0];

    public Outbox(int capacityBytes) {
        if (!BitUtil.isPowerOfTwo(capacityBytes)) {
            throw new IllegalArgumentException("outbox capacity must be a power of two, was " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /** Adds an output that takes every kind of message; call before the engines start. */
    public synchronized Subscription subscribe(String outputName) {
        return subscribe(outputName, OutboxMessageType.FEEDBACK, OutboxMessageType.TELEMETRY,
            OutboxMessageType.ROLLER_STATUS, OutboxMessageType.ROLLER_INFO, OutboxMessageType.SESSION,
            OutboxMessageType.COACH);
    }

    /** Adds an output that takes only these kinds (the history wants no telemetry); call before the engines start. */
    public synchronized Subscription subscribe(String outputName, int... types) {
        int mask = 0;
        for (int type : types) {
            mask |= 1 << type;
        }
        Subscription subscription = new Subscription(outputName, mask,
            // direct and cache-line aligned, as Agrona's ring expects for its atomic counters
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(
                capacityBytes + RingBufferDescriptor.TRAILER_LENGTH, BitUtil.CACHE_LINE_LENGTH)));
        subscriptions.add(subscription);
        fanout = subscriptions.toArray(new Subscription[0]);
        return subscription;
    }

    public List<Subscription> subscriptions() {
        return Collections.unmodifiableList(subscriptions);
    }

    /** Offers a message to every output; {@code device} is ASCII of at most 64 characters. */
    @Override
    public void publish(int type, CharSequence device, DirectBuffer body, int offset, int length) {
        offer(type, device, body, offset, length);
    }

    /**
     * Offers a message to every output.
     *
     * @return false when at least one output dropped it
     */
    public boolean offer(int type, CharSequence device, DirectBuffer body, int offset, int length) {
        boolean all = true;
        for (Subscription subscription : fanout) {
            all &= subscription.offer(type, device, body, offset, length);
        }
        return all;
    }

    /** One output's ring and its counters. */
    public static final class Subscription {
        private final String outputName;
        private final int typeMask;
        private volatile Thread waiter;
        private volatile boolean waiting;
        private final RingBuffer ring;
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong droppedFeedback = new AtomicLong();
        private final DeviceNames deviceNames = new DeviceNames();
        private OutboxHandler handler;
        private final MessageHandler ringHandler = this::onRecord;

        Subscription(String outputName, int typeMask, UnsafeBuffer buffer) {
            this.outputName = outputName;
            this.typeMask = typeMask;
            this.ring = new ManyToOneRingBuffer(buffer);
        }

        public String outputName() {
            return outputName;
        }

        boolean offer(int type, CharSequence device, DirectBuffer body, int offset, int length) {
            if ((typeMask & (1 << type)) == 0) {
                return true; // not a kind this output takes
            }
            int deviceLength = device.length();
            int index = ring.tryClaim(type, 1 + deviceLength + length);
            if (index <= 0) {
                dropped.incrementAndGet();
                if (type == OutboxMessageType.FEEDBACK) {
                    droppedFeedback.incrementAndGet();
                }
                return false;
            }
            MutableDirectBuffer out = ring.buffer();
            out.putByte(index, (byte) deviceLength);
            for (int i = 0; i < deviceLength; i++) {
                out.putByte(index + 1 + i, (byte) device.charAt(i));
            }
            out.putBytes(index + 1 + deviceLength, body, offset, length);
            ring.commit(index);
            if (waiting) {
                LockSupport.unpark(waiter); // never blocks; wakes the output at once instead of at its next poll
            }
            return true;
        }

        /**
         * Parks the output's thread until a message arrives or {@code maxNanos} pass: no busy polling, and an event
         * goes out as soon as the engine writes it.
         */
        public void awaitMessages(long maxNanos) {
            waiter = Thread.currentThread();
            waiting = true;
            if (ring.size() == 0) {
                LockSupport.parkNanos(this, maxNanos);
            }
            waiting = false;
        }

        /** Delivers up to {@code limit} waiting messages to {@code handler}; returns how many. */
        public int poll(OutboxHandler handler, int limit) {
            this.handler = handler;
            int read = ring.read(ringHandler, limit);
            if (read < limit) {
                // A read stops at the end of the ring's buffer; a second one picks up what wrapped to its start.
                read += ring.read(ringHandler, limit - read);
            }
            return read;
        }

        private void onRecord(int type, MutableDirectBuffer buffer, int index, int length) {
            int deviceLength = buffer.getByte(index) & 0xFF;
            String device = deviceNames.of(buffer, index + 1, deviceLength);
            handler.onMessage(type, device, buffer, index + 1 + deviceLength, length - 1 - deviceLength);
        }

        /** Messages waiting, in bytes. */
        public int backlogBytes() {
            return ring.size();
        }

        public long dropped() {
            return dropped.get();
        }

        public long droppedFeedback() {
            return droppedFeedback.get();
        }
    }

    /** Keeps one String per device name so the reader allocates only for a device it has not seen. */
    private static final class DeviceNames {
        private String[] names = new String[0];

        String of(DirectBuffer buffer, int offset, int length) {
            for (String name : names) {
                if (matches(name, buffer, offset, length)) {
                    return name;
                }
            }
            byte[] ascii = new byte[length];
            buffer.getBytes(offset, ascii);
            String name = new String(ascii, StandardCharsets.US_ASCII);
            names = Arrays.copyOf(names, names.length + 1);
            names[names.length - 1] = name;
            return name;
        }

        private static boolean matches(String name, DirectBuffer buffer, int offset, int length) {
            if (name.length() != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (name.charAt(i) != (char) buffer.getByte(offset + i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
