package io.rollcoach.protocol;

/** Consistent Overhead Byte Stuffing over byte arrays; the 0x00 delimiter is the caller's to add. */
public final class Cobs {
    private Cobs() {
    }

    /** The most bytes {@link #encode} writes for {@code length} input bytes. */
    public static int maxEncodedLength(int length) {
        return length + length / 254 + 1;
    }

    /** Encodes {@code src[srcOffset, srcOffset + length)} into {@code dst}; returns the bytes written. */
    public static int encode(byte[] src, int srcOffset, int length, byte[] dst, int dstOffset) {
        int codeIndex = dstOffset;
        int write = dstOffset + 1;
        int code = 1;
        for (int i = srcOffset, end = srcOffset + length; i < end; i++) {
            byte b = src[i];
            if (b == 0) {
                dst[codeIndex] = (byte) code;
                codeIndex = write++;
                code = 1;
            } else {
                dst[write++] = b;
                code++;
                if (code == 0xFF) {
                    dst[codeIndex] = (byte) code;
                    codeIndex = write++;
                    code = 1;
                }
            }
        }
        dst[codeIndex] = (byte) code;
        return write - dstOffset;
    }

    /**
     * Decodes one COBS block sequence (without its delimiter) into {@code dst}; returns the decoded
     * length, or -1 when the input holds a zero or a block runs past the end.
     */
    public static int decode(byte[] src, int srcOffset, int length, byte[] dst, int dstOffset) {
        int read = srcOffset;
        int end = srcOffset + length;
        int write = dstOffset;
        while (read < end) {
            int code = src[read] & 0xFF;
            if (code == 0 || read + code > end) {
                return -1;
            }
            read++;
            for (int i = 1; i < code; i++) {
                byte b = src[read++];
                if (b == 0) {
                    return -1;
                }
                dst[write++] = b;
            }
            if (code < 0xFF && read < end) {
                dst[write++] = 0;
            }
        }
        return write - dstOffset;
    }
}
