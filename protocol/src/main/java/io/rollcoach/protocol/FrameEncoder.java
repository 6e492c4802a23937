package io.rollcoach.protocol;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds frames: a message encoder writes its payload into {@link #payloadBuffer()} at
 * {@link ProtocolV1#PAYLOAD_OFFSET}, then {@link #encode} adds header and crc, stuffs the body and appends the
 * delimiter. Allocates nothing after construction; one encoder per thread.
 */
public final class FrameEncoder {
    private final byte[] body = new byte[ProtocolV1.MAX_BODY_LENGTH];
    private final UnsafeBuffer bodyBuffer = new UnsafeBuffer(body);

    /** The buffer a message encoder wraps at {@link ProtocolV1#PAYLOAD_OFFSET}. */
    public MutableDirectBuffer payloadBuffer() {
        return bodyBuffer;
    }

    /**
     * Frames the payload already written.
     *
     * @return the bytes written to {@code dst}, delimiter included (at most {@link ProtocolV1#MAX_FRAME_LENGTH})
     */
    public int encode(int type, int seq, int payloadLength, byte[] dst, int dstOffset) {
        if (payloadLength < 0 || payloadLength > ProtocolV1.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload length must be 0.." + ProtocolV1.MAX_PAYLOAD_LENGTH
                + ", was " + payloadLength);
        }
        body[ProtocolV1.VERSION_OFFSET] = ProtocolV1.VERSION;
        body[ProtocolV1.TYPE_OFFSET] = (byte) type;
        body[ProtocolV1.SEQ_OFFSET] = (byte) seq;
        body[ProtocolV1.SEQ_OFFSET + 1] = (byte) (seq >>> 8);
        int crcOffset = ProtocolV1.PAYLOAD_OFFSET + payloadLength;
        int crc = Crc16.compute(body, 0, crcOffset);
        body[crcOffset] = (byte) crc;
        body[crcOffset + 1] = (byte) (crc >>> 8);
        int written = Cobs.encode(body, 0, crcOffset + ProtocolV1.CRC_LENGTH, dst, dstOffset);
        dst[dstOffset + written] = ProtocolV1.DELIMITER;
        return written + 1;
    }
}
