package io.rollcoach.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The worked example in docs/protocol.md, checked step by step so the contract and the code cannot drift. */
class WorkedExampleTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String BODY_BEFORE_CRC = "010201" + "00" + "40420f00" + "c409" + "10270000" + "00";
    private static final String WIRE = "040102010440420f05c409102701010387be00";

    @Test
    void givesTheDocumentedCrcCobsAndWireBytes() {
        byte[] body = HEX.parseHex(BODY_BEFORE_CRC);
        int crc = Crc16.compute(body, 0, body.length);
        assertEquals(0xBE87, crc);

        byte[] withCrc = HEX.parseHex(BODY_BEFORE_CRC + "87be"); // crc little-endian
        byte[] stuffed = new byte[Cobs.maxEncodedLength(withCrc.length)];
        int stuffedLength = Cobs.encode(withCrc, 0, withCrc.length, stuffed, 0);
        assertEquals("04010201" + "0440420f" + "05c4091027" + "01" + "01" + "0387be",
            HEX.formatHex(stuffed, 0, stuffedLength));

        FrameEncoder encoder = new FrameEncoder();
        new SampleEncoder().wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET)
            .timeUs(1_000_000).forceDeciNewtons(2500).angleTenthMilliradians(10_000).flags(0);
        byte[] wire = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        int length = encoder.encode(MessageType.SAMPLE, 1, SampleDecoder.LENGTH, wire, 0);
        assertEquals(WIRE, HEX.formatHex(wire, 0, length));
    }

    @Test
    void decodesTheDocumentedWireBytes() {
        byte[] wire = HEX.parseHex(WIRE);
        long[] fields = new long[5];
        int frames = new FrameDecoder().decode(wire, 0, wire.length, (type, seq, buffer, offset, length) -> {
            SampleDecoder sample = new SampleDecoder().wrap(buffer, offset);
            fields[0] = seq;
            fields[1] = sample.timeUs();
            fields[2] = sample.forceDeciNewtons();
            fields[3] = sample.angleTenthMilliradians();
            fields[4] = sample.flags();
        });
        assertEquals(1, frames);
        assertArrayEquals(new long[] {1, 1_000_000, 2500, 10_000, 0}, fields);
    }
}
