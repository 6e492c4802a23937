package io.rollcoach.protocol;

import org.agrona.MutableDirectBuffer;

/** Writes an EVENT payload; see {@link EventDecoder} for the layout. */
public final class EventEncoder {
    private MutableDirectBuffer buffer;
    private int offset;

    public EventEncoder wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public EventEncoder code(int code) {
        buffer.putByte(offset + EventDecoder.CODE_OFFSET, (byte) code);
        return this;
    }
}
