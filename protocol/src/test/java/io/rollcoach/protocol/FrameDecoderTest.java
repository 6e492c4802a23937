package io.rollcoach.protocol;

import static io.rollcoach.protocol.Frames.concat;
import static io.rollcoach.protocol.Frames.frame;
import static io.rollcoach.protocol.Frames.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private final FrameDecoder decoder = new FrameDecoder();
    private final Frames.Collector collector = new Frames.Collector();

    private void feed(byte[] bytes) {
        decoder.decode(bytes, 0, bytes.length, collector);
    }

    @Test
    void decodesTheWorkedExampleOfTheProtocolDoc() {
        // docs/protocol.md: SAMPLE seq 1, t_us 1000000, force 250.0 N, angle 1.0000 rad, button up.
        byte[] wire = sample(1, 1_000_000, 2500, 10_000, 0);
        assertEquals("040102010440420f05c409102701010387be00", hex(wire));
        feed(wire);
        assertEquals(1, collector.frames.size());
        SampleDecoder s = new SampleDecoder().wrap(new UnsafeBuffer(collector.frames.get(0).payload()), 0);
        assertEquals(1_000_000, s.timeUs());
        assertEquals(2500, s.forceDeciNewtons());
        assertEquals(10_000, s.angleTenthMilliradians());
    }

    @Test
    void decodesAFrameArrivingOneByteAtATime() {
        byte[] wire = sample(7, 0xFFFF_FFFFL, -12, -5_000_000, 1);
        for (byte b : wire) {
            decoder.decode(new byte[] {b}, 0, 1, collector);
        }
        assertEquals(1, collector.frames.size());
        SampleDecoder s = new SampleDecoder().wrap(new UnsafeBuffer(collector.frames.get(0).payload()), 0);
        assertEquals(0xFFFF_FFFFL, s.timeUs());
        assertEquals(-12, s.forceDeciNewtons());
        assertEquals(-5_000_000, s.angleTenthMilliradians());
        assertEquals(true, s.isButtonHeld());
    }

    @Test
    void countsACorruptCrcAndResynchronisesAtTheNextDelimiter() {
        byte[] bad = sample(1, 10, 10, 10, 0);
        bad[3] ^= 0x40;
        feed(concat(bad, sample(2, 20, 20, 20, 0)));
        assertEquals(1, collector.frames.size());
        assertEquals(1, decoder.stats().rejectedCrc());
        assertEquals(2, collector.frames.get(0).seq());
    }

    @Test
    void rejectsEachKindOfBadFrameAndCountsIt() {
        feed(frame(MessageType.SAMPLE, 1, new byte[5]));              // payload shorter than a sample
        feed(frame(0x7F, 2, new byte[3]));                            // a type v1 does not know
        byte[] v2 = frame(MessageType.EVENT, 3, new byte[] {1});
        feed(reversion(v2, 2));                                       // a version v1 does not know
        feed(new byte[] {0x02, 0x01, 0x00});                          // body shorter than header + crc
        feed(new byte[] {0x09, 0x01, 0x02, 0x00});                    // a COBS block past the frame's end
        byte[] endless = new byte[1000];
        Arrays.fill(endless, (byte) 0x55);
        feed(endless);
        feed(new byte[] {0});                                         // more than any frame without a delimiter
        FrameStats stats = decoder.stats();
        assertEquals(1, stats.rejectedPayload());
        assertEquals(1, stats.rejectedType());
        assertEquals(1, stats.rejectedVersion());
        assertEquals(1, stats.rejectedShort());
        assertEquals(1, stats.rejectedCobs());
        assertEquals(1, stats.rejectedOversize());
        assertEquals(6, stats.framesRejected());
        assertEquals(0, collector.frames.size());
    }

    @Test
    void acceptsALongerPayloadFromNewerFirmwareAndIgnoresTheRest() {
        byte[] payload = new byte[20];
        payload[0] = 2; // long press
        feed(frame(MessageType.EVENT, 1, payload));
        assertEquals(1, collector.frames.size());
        assertArrayEquals(payload, collector.frames.get(0).payload());
    }

    @Test
    void countsSequenceGapsAsLostFramesAcrossTheWrap() {
        feed(concat(sample(65534, 0, 0, 0, 0), sample(65535, 0, 0, 0, 0), sample(2, 0, 0, 0, 0)));
        assertEquals(2, decoder.stats().framesLost()); // 0 and 1 are missing
        assertEquals(3, decoder.stats().framesDecoded());
    }

    @Test
    void startsCountingAfreshAtAHello() {
        feed(sample(500, 0, 0, 0, 0));
        feed(frame(MessageType.HELLO, 0, new byte[HelloDecoder.LENGTH]));
        feed(sample(1, 0, 0, 0, 0));
        assertEquals(0, decoder.stats().framesLost());
    }

    @Test
    void ignoresRunsOfDelimiters() {
        feed(concat(new byte[] {0, 0, 0}, sample(1, 0, 0, 0, 0), new byte[] {0, 0}));
        assertEquals(1, collector.frames.size());
        assertEquals(0, decoder.stats().framesRejected());
    }

    @Test
    void saysWhatItCountedInOneLine() {
        byte[] bad = sample(1, 10, 10, 10, 0);
        bad[4] ^= 1;
        feed(concat(bad, sample(3, 0, 0, 0, 0), sample(5, 0, 0, 0, 0)));
        assertEquals("decoded=2 rejected=1 (crc=1) lost=1", decoder.stats().toString());
    }

    /** Re-frames a frame's body with another version byte and a matching crc. */
    private static byte[] reversion(byte[] wire, int version) {
        byte[] body = new byte[ProtocolV1.MAX_BODY_LENGTH];
        int length = Cobs.decode(wire, 0, wire.length - 1, body, 0);
        body[0] = (byte) version;
        int crc = Crc16.compute(body, 0, length - 2);
        body[length - 2] = (byte) crc;
        body[length - 1] = (byte) (crc >>> 8);
        byte[] out = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        int n = Cobs.encode(body, 0, length, out, 0);
        out[n] = 0;
        return Arrays.copyOf(out, n + 1);
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
