package io.rollcoach.protocol;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;

/** STATUS (0x03) payload, 4 bytes: battery_pct u8, temperature_c i8, fault_flags u16. */
public final class StatusDecoder {
    public static final int LENGTH = 4;
    static final int BATTERY_OFFSET = 0;
    static final int TEMPERATURE_OFFSET = 1;
    static final int FAULTS_OFFSET = 2;

    private DirectBuffer buffer;
    private int offset;

    public StatusDecoder wrap(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int batteryPercent() {
        return buffer.getByte(offset + BATTERY_OFFSET) & 0xFF;
    }

    public int temperatureCelsius() {
        return buffer.getByte(offset + TEMPERATURE_OFFSET);
    }

    public int faultFlags() {
        return buffer.getShort(offset + FAULTS_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }
}
