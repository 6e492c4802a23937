package io.rollcoach.protocol;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.MutableDirectBuffer;

/** Writes a HELLO payload; see {@link HelloDecoder} for the layout. */
public final class HelloEncoder {
    private MutableDirectBuffer buffer;
    private int offset;

    public HelloEncoder wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public HelloEncoder deviceId(long deviceId) {
        buffer.putLong(offset + HelloDecoder.DEVICE_ID_OFFSET, deviceId, LITTLE_ENDIAN);
        return this;
    }

    public HelloEncoder firmware(int major, int minor) {
        buffer.putByte(offset + HelloDecoder.FW_MAJOR_OFFSET, (byte) major);
        buffer.putByte(offset + HelloDecoder.FW_MINOR_OFFSET, (byte) minor);
        return this;
    }

    public HelloEncoder sampleRateHz(int rate) {
        buffer.putShort(offset + HelloDecoder.SAMPLE_RATE_OFFSET, (short) rate, LITTLE_ENDIAN);
        return this;
    }

    public HelloEncoder radiusTenthMillimetres(int radius) {
        buffer.putShort(offset + HelloDecoder.RADIUS_OFFSET, (short) radius, LITTLE_ENDIAN);
        return this;
    }

    public HelloEncoder sensors(int sensors) {
        buffer.putByte(offset + HelloDecoder.SENSORS_OFFSET, (byte) sensors);
        return this;
    }
}
