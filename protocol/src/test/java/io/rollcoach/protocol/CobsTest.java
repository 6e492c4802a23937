package io.rollcoach.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CobsTest {
    private static byte[] encode(byte[] raw) {
        byte[] out = new byte[Cobs.maxEncodedLength(raw.length)];
        return Arrays.copyOf(out, Cobs.encode(raw, 0, raw.length, out, 0));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void encodesTheWikipediaExamples() {
        assertArrayEquals(bytes(0x01, 0x01), encode(bytes(0x00)));
        assertArrayEquals(bytes(0x01, 0x01, 0x01), encode(bytes(0x00, 0x00)));
        assertArrayEquals(bytes(0x03, 0x11, 0x22, 0x02, 0x33), encode(bytes(0x11, 0x22, 0x00, 0x33)));
        assertArrayEquals(bytes(0x05, 0x11, 0x22, 0x33, 0x44), encode(bytes(0x11, 0x22, 0x33, 0x44)));
    }

    @Test
    void splitsRunsOf254NonZeroBytes() {
        byte[] raw = new byte[254];
        Arrays.fill(raw, (byte) 7);
        byte[] encoded = encode(raw);
        assertEquals(256, encoded.length);
        assertEquals((byte) 0xFF, encoded[0]);
        byte[] decoded = new byte[300];
        assertEquals(254, Cobs.decode(encoded, 0, encoded.length, decoded, 0));
    }

    @Test
    void rejectsABlockRunningPastTheEnd() {
        byte[] out = new byte[16];
        assertEquals(-1, Cobs.decode(bytes(0x05, 0x11, 0x22), 0, 3, out, 0));
        assertEquals(-1, Cobs.decode(bytes(0x03, 0x00, 0x22), 0, 3, out, 0));
    }
}
