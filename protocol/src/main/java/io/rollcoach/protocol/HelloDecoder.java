package io.rollcoach.protocol;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;

/**
 * HELLO (0x01) payload, 15 bytes: device_id u64, fw_major u8, fw_minor u8, sample_rate_hz u16,
 * roller_radius u16 (0.1 mm), sensors u8 (bit0 force, bit1 rotation, bit2 button).
 */
public final class HelloDecoder {
    public static final int LENGTH = 15;
    static final int DEVICE_ID_OFFSET = 0;
    static final int FW_MAJOR_OFFSET = 8;
    static final int FW_MINOR_OFFSET = 9;
    static final int SAMPLE_RATE_OFFSET = 10;
    static final int RADIUS_OFFSET = 12;
    static final int SENSORS_OFFSET = 14;
    public static final int SENSOR_FORCE = 0x01;
    public static final int SENSOR_ROTATION = 0x02;
    public static final int SENSOR_BUTTON = 0x04;

    private DirectBuffer buffer;
    private int offset;

    public HelloDecoder wrap(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public long deviceId() {
        return buffer.getLong(offset + DEVICE_ID_OFFSET, LITTLE_ENDIAN);
    }

    public int firmwareMajor() {
        return buffer.getByte(offset + FW_MAJOR_OFFSET) & 0xFF;
    }

    public int firmwareMinor() {
        return buffer.getByte(offset + FW_MINOR_OFFSET) & 0xFF;
    }

    public int sampleRateHz() {
        return buffer.getShort(offset + SAMPLE_RATE_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    public int radiusTenthMillimetres() {
        return buffer.getShort(offset + RADIUS_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    public int sensors() {
        return buffer.getByte(offset + SENSORS_OFFSET) & 0xFF;
    }
}
