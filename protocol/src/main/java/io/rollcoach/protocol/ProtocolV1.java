package io.rollcoach.protocol;

/**
 * Layout of a protocol v1 frame body: {@code version u8 | type u8 | seq u16 | payload | crc u16}, all
 * little-endian, COBS-encoded on the wire and followed by one 0x00 delimiter.
 */
public final class ProtocolV1 {
    public static final int VERSION = 1;

    public static final int VERSION_OFFSET = 0;
    public static final int TYPE_OFFSET = 1;
    public static final int SEQ_OFFSET = 2;
    public static final int PAYLOAD_OFFSET = 4;
    public static final int HEADER_LENGTH = 4;
    public static final int CRC_LENGTH = 2;
    public static final int MIN_BODY_LENGTH = HEADER_LENGTH + CRC_LENGTH;

    /**
     * Longest body accepted. Newer firmware may append fields to a payload; this leaves room for that
     * while bounding the buffer that a stream without delimiters can fill.
     */
    public static final int MAX_BODY_LENGTH = 256;
    public static final int MAX_PAYLOAD_LENGTH = MAX_BODY_LENGTH - MIN_BODY_LENGTH;

    /** COBS adds one byte per 254 and the leading code byte; the delimiter adds one more. */
    public static final int MAX_FRAME_LENGTH = MAX_BODY_LENGTH + MAX_BODY_LENGTH / 254 + 2;

    public static final byte DELIMITER = 0;

    /** The roller radius assumed until a HELLO says otherwise: a standard 6 in roller. */
    public static final int DEFAULT_RADIUS_TENTH_MM = 750;

    private ProtocolV1() {
    }
}
