package io.rollcoach.protocol;

import org.agrona.DirectBuffer;

/** CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor ("123456789" gives 0x29B1). */
public final class Crc16 {
    public static final int INITIAL = 0xFFFF;
    private static final int POLY = 0x1021;
    private static final short[] TABLE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLY : crc << 1;
            }
            TABLE[i] = (short) crc;
        }
    }

    private Crc16() {
    }

    public static int update(int crc, int octet) {
        return ((crc << 8) ^ TABLE[((crc >>> 8) ^ octet) & 0xFF]) & 0xFFFF;
    }

    public static int compute(byte[] data, int offset, int length) {
        int crc = INITIAL;
        for (int i = offset, end = offset + length; i < end; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    public static int compute(DirectBuffer buffer, int offset, int length) {
        int crc = INITIAL;
        for (int i = offset, end = offset + length; i < end; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ buffer.getByte(i)) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }
}
