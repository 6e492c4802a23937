package io.rollcoach.protocol;

import org.agrona.DirectBuffer;

/** EVENT (0x04) payload, 1 byte: code u8 (1 short press, 2 long press). */
public final class EventDecoder {
    public static final int LENGTH = 1;
    static final int CODE_OFFSET = 0;
    public static final int SHORT_PRESS = 1;
    public static final int LONG_PRESS = 2;

    private DirectBuffer buffer;
    private int offset;

    public EventDecoder wrap(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int code() {
        return buffer.getByte(offset + CODE_OFFSET) & 0xFF;
    }
}
