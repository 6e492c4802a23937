package io.rollcoach.protocol;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Turns a byte stream into checked frames, one byte at a time so that a frame may arrive in any number of
 * reads. Un-stuffs COBS on the fly into one reused body buffer, then checks length, crc, version, type and
 * payload length in that order. A frame that fails a check is counted by kind in {@link #stats()} and skipped;
 * decoding picks up again after the next 0x00. Allocates nothing after construction. Not thread-safe: one
 * decoder per stream, used by one thread.
 */
public final class FrameDecoder {
    /** A jump in seq of more than this is a restart or a reordering, not a loss. */
    static final int MAX_COUNTED_GAP = 1024;

    private final byte[] body = new byte[ProtocolV1.MAX_BODY_LENGTH];
    private final UnsafeBuffer bodyBuffer = new UnsafeBuffer(body);
    private final FrameStats stats = new FrameStats();

    private int bodyLength;
    /** Bytes still to copy in the current COBS block; 0 means the next byte is a code byte. */
    private int blockRemaining;
    /** The current block's code; a block of 0xFF carries no implied zero after it. */
    private int blockCode;
    private boolean inFrame;
    private boolean overflow;
    private int lastSeq = -1;

    public FrameStats stats() {
        return stats;
    }

    /**
     * Forgets the last sequence number, so the next frame starts a new count: after a HELLO (the roller
     * restarted) or a reconnect.
     */
    public void resetSequence() {
        lastSeq = -1;
    }

    /** Drops a partly received frame, as after a reconnect; it is not counted as rejected. */
    public void resetFrame() {
        bodyLength = 0;
        blockRemaining = 0;
        inFrame = false;
        overflow = false;
    }

    /**
     * Feeds bytes; calls {@code handler} for each good frame they complete.
     *
     * @return how many frames were handed to the handler
     */
    public int decode(byte[] src, int offset, int length, FrameHandler handler) {
        int frames = 0;
        stats.onBytes(length);
        for (int i = offset, end = offset + length; i < end; i++) {
            int b = src[i] & 0xFF;
            if (b == 0) {
                if (inFrame && finishFrame(handler)) {
                    frames++;
                }
                resetFrame();
            } else if (blockRemaining == 0) {
                if (inFrame && blockCode != 0xFF) {
                    append((byte) 0);
                }
                inFrame = true;
                blockCode = b;
                blockRemaining = b - 1;
            } else {
                append((byte) b);
                blockRemaining--;
            }
        }
        return frames;
    }

    private void append(byte b) {
        if (bodyLength < body.length) {
            body[bodyLength++] = b;
        } else {
            overflow = true;
        }
    }

    private boolean finishFrame(FrameHandler handler) {
        if (overflow) {
            stats.onRejectedOversize();
            return false;
        }
        if (blockRemaining != 0) {
            stats.onRejectedCobs();
            return false;
        }
        if (bodyLength < ProtocolV1.MIN_BODY_LENGTH) {
            stats.onRejectedShort();
            return false;
        }
        int crcOffset = bodyLength - ProtocolV1.CRC_LENGTH;
        int expected = (body[crcOffset] & 0xFF) | (body[crcOffset + 1] & 0xFF) << 8;
        if (Crc16.compute(body, 0, crcOffset) != expected) {
            stats.onRejectedCrc();
            return false;
        }
        if ((body[ProtocolV1.VERSION_OFFSET] & 0xFF) != ProtocolV1.VERSION) {
            stats.onRejectedVersion();
            return false;
        }
        int type = body[ProtocolV1.TYPE_OFFSET] & 0xFF;
        int minPayload = MessageType.minPayloadLength(type);
        if (minPayload < 0) {
            stats.onRejectedType();
            return false;
        }
        int payloadLength = crcOffset - ProtocolV1.PAYLOAD_OFFSET;
        if (payloadLength < minPayload) {
            stats.onRejectedPayload();
            return false;
        }
        int seq = (body[ProtocolV1.SEQ_OFFSET] & 0xFF) | (body[ProtocolV1.SEQ_OFFSET + 1] & 0xFF) << 8;
        trackSequence(type, seq);
        stats.onDecoded();
        handler.onFrame(type, seq, bodyBuffer, ProtocolV1.PAYLOAD_OFFSET, payloadLength);
        return true;
    }

    private void trackSequence(int type, int seq) {
        if (type == MessageType.HELLO) {
            lastSeq = -1; // a HELLO starts the roller's count afresh
        }
        if (lastSeq >= 0) {
            int gap = (seq - lastSeq - 1) & 0xFFFF;
            if (gap > MAX_COUNTED_GAP) {
                stats.onSequenceReset();
            } else if (gap > 0) {
                stats.onLost(gap);
            }
        }
        lastSeq = seq;
    }
}
