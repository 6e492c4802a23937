package io.rollcoach.protocol;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.MutableDirectBuffer;

/** Writes a CONFIGURE payload; see {@link ConfigureDecoder} for the layout. */
public final class ConfigureEncoder {
    private MutableDirectBuffer buffer;
    private int offset;

    public ConfigureEncoder wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public ConfigureEncoder sampleRateHz(int rate) {
        buffer.putShort(offset + ConfigureDecoder.SAMPLE_RATE_OFFSET, (short) rate, LITTLE_ENDIAN);
        return this;
    }
}
