package io.rollcoach.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a {@link FrameDecoder} saw, counted by kind. One thread writes (the decoder's); any thread may read:
 * counters are written with opaque stores so a reader on a 32-bit Pi never sees a torn long.
 */
public final class FrameStats {
    private static final VarHandle DECODED;
    private static final VarHandle BYTES;
    private static final VarHandle REJECTED_COBS;
    private static final VarHandle REJECTED_SHORT;
    private static final VarHandle REJECTED_CRC;
    private static final VarHandle REJECTED_VERSION;
    private static final VarHandle REJECTED_TYPE;
    private static final VarHandle REJECTED_PAYLOAD;
    private static final VarHandle REJECTED_OVERSIZE;
    private static final VarHandle LOST;
    private static final VarHandle SEQUENCE_RESETS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            DECODED = lookup.findVarHandle(FrameStats.class, "framesDecoded", long.class);
            BYTES = lookup.findVarHandle(FrameStats.class, "bytesRead", long.class);
            REJECTED_COBS = lookup.findVarHandle(FrameStats.class, "rejectedCobs", long.class);
            REJECTED_SHORT = lookup.findVarHandle(FrameStats.class, "rejectedShort", long.class);
            REJECTED_CRC = lookup.findVarHandle(FrameStats.class, "rejectedCrc", long.class);
            REJECTED_VERSION = lookup.findVarHandle(FrameStats.class, "rejectedVersion", long.class);
            REJECTED_TYPE = lookup.findVarHandle(FrameStats.class, "rejectedType", long.class);
            REJECTED_PAYLOAD = lookup.findVarHandle(FrameStats.class, "rejectedPayload", long.class);
            REJECTED_OVERSIZE = lookup.findVarHandle(FrameStats.class, "rejectedOversize", long.class);
            LOST = lookup.findVarHandle(FrameStats.class, "framesLost", long.class);
            SEQUENCE_RESETS = lookup.findVarHandle(FrameStats.class, "sequenceResets", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long framesDecoded;
    private long bytesRead;
    private long rejectedCobs;
    private long rejectedShort;
    private long rejectedCrc;
    private long rejectedVersion;
    private long rejectedType;
    private long rejectedPayload;
    private long rejectedOversize;
    private long framesLost;
    private long sequenceResets;

    private static void add(VarHandle handle, FrameStats stats, long delta) {
        handle.setOpaque(stats, (long) handle.get(stats) + delta);
    }

    private static long read(VarHandle handle, FrameStats stats) {
        return (long) handle.getOpaque(stats);
    }

    void onDecoded() { add(DECODED, this, 1); }
    void onBytes(int count) { add(BYTES, this, count); }
    void onRejectedCobs() { add(REJECTED_COBS, this, 1); }
    void onRejectedShort() { add(REJECTED_SHORT, this, 1); }
    void onRejectedCrc() { add(REJECTED_CRC, this, 1); }
    void onRejectedVersion() { add(REJECTED_VERSION, this, 1); }
    void onRejectedType() { add(REJECTED_TYPE, this, 1); }
    void onRejectedPayload() { add(REJECTED_PAYLOAD, this, 1); }
    void onRejectedOversize() { add(REJECTED_OVERSIZE, this, 1); }
    void onLost(int count) { add(LOST, this, count); }
    void onSequenceReset() { add(SEQUENCE_RESETS, this, 1); }

    public long framesDecoded() { return read(DECODED, this); }
    public long bytesRead() { return read(BYTES, this); }
    /** A block of the byte stuffing ran past its frame's end. */
    public long rejectedCobs() { return read(REJECTED_COBS, this); }
    /** A body shorter than a header and a crc. */
    public long rejectedShort() { return read(REJECTED_SHORT, this); }
    public long rejectedCrc() { return read(REJECTED_CRC, this); }
    public long rejectedVersion() { return read(REJECTED_VERSION, this); }
    public long rejectedType() { return read(REJECTED_TYPE, this); }
    /** A payload shorter than its type needs. */
    public long rejectedPayload() { return read(REJECTED_PAYLOAD, this); }
    /** Bytes without a delimiter for longer than any frame may be. */
    public long rejectedOversize() { return read(REJECTED_OVERSIZE, this); }
    /** Frames missing by sequence number. */
    public long framesLost() { return read(LOST, this); }
    /** Sequence jumps too large to be losses: a restarted roller, or a reordering. */
    public long sequenceResets() { return read(SEQUENCE_RESETS, this); }

    public long framesRejected() {
        return rejectedCobs() + rejectedShort() + rejectedCrc() + rejectedVersion() + rejectedType()
            + rejectedPayload() + rejectedOversize();
    }

    /** One line for logs and the health view, e.g. {@code decoded=10 rejected=2 (crc=1 cobs=1) lost=3}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(128);
        sb.append("decoded=").append(framesDecoded()).append(" rejected=").append(framesRejected());
        int mark = sb.length();
        appendIfAny(sb, "cobs", rejectedCobs());
        appendIfAny(sb, "short", rejectedShort());
        appendIfAny(sb, "crc", rejectedCrc());
        appendIfAny(sb, "version", rejectedVersion());
        appendIfAny(sb, "type", rejectedType());
        appendIfAny(sb, "payload", rejectedPayload());
        appendIfAny(sb, "oversize", rejectedOversize());
        if (sb.length() > mark) {
            sb.insert(mark, " (").append(')');
            sb.deleteCharAt(mark + 2);
        }
        sb.append(" lost=").append(framesLost());
        return sb.toString();
    }

    private static void appendIfAny(StringBuilder sb, String name, long value) {
        if (value != 0) {
            sb.append(' ').append(name).append('=').append(value);
        }
    }
}
