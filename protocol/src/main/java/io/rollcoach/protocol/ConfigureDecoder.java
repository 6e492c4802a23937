package io.rollcoach.protocol;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;

/** CONFIGURE (0x82, gateway to roller) payload, 2 bytes: sample_rate_hz u16. */
public final class ConfigureDecoder {
    public static final int LENGTH = 2;
    static final int SAMPLE_RATE_OFFSET = 0;

    private DirectBuffer buffer;
    private int offset;

    public ConfigureDecoder wrap(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int sampleRateHz() {
        return buffer.getShort(offset + SAMPLE_RATE_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }
}
