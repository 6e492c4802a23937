package io.rollcoach.protocol;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.MutableDirectBuffer;

/** Writes a STATUS payload; see {@link StatusDecoder} for the layout. */
public final class StatusEncoder {
    private MutableDirectBuffer buffer;
    private int offset;

    public StatusEncoder wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public StatusEncoder batteryPercent(int percent) {
        buffer.putByte(offset + StatusDecoder.BATTERY_OFFSET, (byte) percent);
        return this;
    }

    public StatusEncoder temperatureCelsius(int celsius) {
        buffer.putByte(offset + StatusDecoder.TEMPERATURE_OFFSET, (byte) celsius);
        return this;
    }

    public StatusEncoder faultFlags(int flags) {
        buffer.putShort(offset + StatusDecoder.FAULTS_OFFSET, (short) flags, LITTLE_ENDIAN);
        return this;
    }
}
