package io.rollcoach.protocol;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.MutableDirectBuffer;

/** Writes a SAMPLE payload; see {@link SampleDecoder} for the layout. */
public final class SampleEncoder {
    private MutableDirectBuffer buffer;
    private int offset;

    public SampleEncoder wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public SampleEncoder timeUs(long timeUs) {
        buffer.putInt(offset + SampleDecoder.TIME_OFFSET, (int) timeUs, LITTLE_ENDIAN);
        return this;
    }

    public SampleEncoder forceDeciNewtons(int force) {
        buffer.putShort(offset + SampleDecoder.FORCE_OFFSET, (short) force, LITTLE_ENDIAN);
        return this;
    }

    public SampleEncoder angleTenthMilliradians(int angle) {
        buffer.putInt(offset + SampleDecoder.ANGLE_OFFSET, angle, LITTLE_ENDIAN);
        return this;
    }

    public SampleEncoder flags(int flags) {
        buffer.putByte(offset + SampleDecoder.FLAGS_OFFSET, (byte) flags);
        return this;
    }
}
