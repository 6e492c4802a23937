package io.rollcoach.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class Crc16Test {
    private static final byte[] CHECK_INPUT = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void givesTheCatalogueCheckValue() {
        assertEquals(0x29B1, Crc16.compute(CHECK_INPUT, 0, CHECK_INPUT.length));
    }

    @Test
    void agreesOverArraysBuffersAndByteByByteUpdates() {
        int incremental = Crc16.INITIAL;
        for (byte b : CHECK_INPUT) {
            incremental = Crc16.update(incremental, b);
        }
        assertEquals(0x29B1, incremental);
        assertEquals(0x29B1, Crc16.compute(new UnsafeBuffer(CHECK_INPUT), 0, CHECK_INPUT.length));
    }

    @Test
    void isTheInitialValueForNoBytes() {
        assertEquals(0xFFFF, Crc16.compute(new byte[0], 0, 0));
    }
}
