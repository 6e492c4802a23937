package io.rollcoach.protocol;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.MutableDirectBuffer;

/** Writes a CUE payload; see {@link CueDecoder} for the layout. */
public final class CueEncoder {
    private MutableDirectBuffer buffer;
    private int offset;

    public CueEncoder wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public CueEncoder pattern(int pattern) {
        buffer.putByte(offset + CueDecoder.PATTERN_OFFSET, (byte) pattern);
        return this;
    }

    public CueEncoder durationMs(int durationMs) {
        buffer.putShort(offset + CueDecoder.DURATION_OFFSET, (short) durationMs, LITTLE_ENDIAN);
        return this;
    }
}
