package io.rollcoach.protocol;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;

/** CUE (0x81, gateway to roller) payload, 3 bytes: pattern u8, duration_ms u16. */
public final class CueDecoder {
    public static final int LENGTH = 3;
    static final int PATTERN_OFFSET = 0;
    static final int DURATION_OFFSET = 1;
    public static final int PATTERN_GOOD = 1;
    public static final int PATTERN_ADJUST = 2;
    public static final int PATTERN_STEP_DONE = 3;
    public static final int PATTERN_SESSION_DONE = 4;

    private DirectBuffer buffer;
    private int offset;

    public CueDecoder wrap(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int pattern() {
        return buffer.getByte(offset + PATTERN_OFFSET) & 0xFF;
    }

    public int durationMs() {
        return buffer.getShort(offset + DURATION_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    public static String patternName(int pattern) {
        switch (pattern) {
            case PATTERN_GOOD: return "good";
            case PATTERN_ADJUST: return "adjust";
            case PATTERN_STEP_DONE: return "step-done";
            case PATTERN_SESSION_DONE: return "session-done";
            default: return "pattern-" + pattern;
        }
    }
}
