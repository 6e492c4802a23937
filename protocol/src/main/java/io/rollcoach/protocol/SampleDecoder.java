package io.rollcoach.protocol;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;

/** SAMPLE (0x02) payload, 11 bytes: t_us u32, force i16 (0.1 N), angle i32 (1e-4 rad, cumulative), flags u8. */
public final class SampleDecoder {
    public static final int LENGTH = 11;
    static final int TIME_OFFSET = 0;
    static final int FORCE_OFFSET = 4;
    static final int ANGLE_OFFSET = 6;
    static final int FLAGS_OFFSET = 10;
    public static final int FLAG_BUTTON_HELD = 0x01;

    private DirectBuffer buffer;
    private int offset;

    public SampleDecoder wrap(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** The roller's clock in microseconds; wraps every 2^32 µs (about 71.6 minutes). */
    public long timeUs() {
        return buffer.getInt(offset + TIME_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    public int forceDeciNewtons() {
        return buffer.getShort(offset + FORCE_OFFSET, LITTLE_ENDIAN);
    }

    /** Cumulative roller rotation in units of 1e-4 rad; positive one way, negative the other. */
    public int angleTenthMilliradians() {
        return buffer.getInt(offset + ANGLE_OFFSET, LITTLE_ENDIAN);
    }

    public int flags() {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    public boolean isButtonHeld() {
        return (flags() & FLAG_BUTTON_HELD) != 0;
    }
}
