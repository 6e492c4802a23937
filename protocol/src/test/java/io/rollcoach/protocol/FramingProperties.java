package io.rollcoach.protocol;

import static io.rollcoach.protocol.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

class FramingProperties {
    private static final int[] TYPES = {MessageType.HELLO, MessageType.SAMPLE, MessageType.STATUS,
        MessageType.EVENT, MessageType.CUE, MessageType.CONFIGURE};

    record Message(int type, int seq, byte[] payload) {
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<Integer> types = Arbitraries.of(0, 1, 2, 3, 4, 5).map(i -> TYPES[i]);
        return Combinators.combine(types, Arbitraries.integers().between(0, 65535),
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(ProtocolV1.MAX_PAYLOAD_LENGTH - 15))
            .as((type, seq, extra) -> {
                byte[] payload = new byte[MessageType.minPayloadLength(type) + extra.length];
                System.arraycopy(extra, 0, payload, MessageType.minPayloadLength(type), extra.length);
                for (int i = 0; i < Math.min(extra.length, MessageType.minPayloadLength(type)); i++) {
                    payload[i] = extra[i];
                }
                return new Message(type, seq, payload);
            });
    }

    @Property
    void roundTripsAnyFrame(@ForAll("messages") Message message) {
        byte[] wire = frame(message.type(), message.seq(), message.payload());
        for (int i = 0; i < wire.length - 1; i++) {
            assertTrue(wire[i] != 0, "no zero inside a frame");
        }
        Frames.Collector collector = new Frames.Collector();
        new FrameDecoder().decode(wire, 0, wire.length, collector);
        assertEquals(1, collector.frames.size());
        assertEquals(message.type(), collector.frames.get(0).type());
        assertEquals(message.seq(), collector.frames.get(0).seq());
        assertArrayEquals(message.payload(), collector.frames.get(0).payload());
    }

    @Property
    void roundTripsAnySample(@ForAll int timeUs, @ForAll short force, @ForAll int angle,
                                  @ForAll @IntRange(min = 0, max = 255) int flags) {
        byte[] wire = Frames.sample(9, timeUs & 0xFFFF_FFFFL, force, angle, flags);
        Frames.Collector collector = new Frames.Collector();
        new FrameDecoder().decode(wire, 0, wire.length, collector);
        SampleDecoder decoded = new SampleDecoder()
            .wrap(new UnsafeBuffer(collector.frames.get(0).payload()), 0);
        assertEquals(timeUs & 0xFFFF_FFFFL, decoded.timeUs());
        assertEquals(force, decoded.forceDeciNewtons());
        assertEquals(angle, decoded.angleTenthMilliradians());
        assertEquals(flags, decoded.flags());
    }

    @Property
    void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 2000) byte[] garbage) {
        FrameDecoder decoder = new FrameDecoder();
        decoder.decode(garbage, 0, garbage.length, (type, seq, buffer, offset, length) -> {
            assertTrue(length >= MessageType.minPayloadLength(type));
        });
    }

    /**
     * Garbage spliced between valid frames costs only the frames it touches: a frame right after a 0x00 (the
     * previous delimiter, or garbage that ends in one) always arrives intact; one right after garbage that does
     * not end in 0x00 is glued to it and may be lost. No other frame is lost.
     */
    @Property
    void losesOnlyTheFramesGarbageTouches(@ForAll @Size(min = 1, max = 40) List<@Size(max = 64) byte[]> splices) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Integer> mustArrive = new ArrayList<>();
        int touched = 0;
        int seq = 0;
        stream.writeBytes(Frames.sample(seq, seq, seq, seq, 0));
        mustArrive.add(seq);
        for (byte[] splice : splices) {
            stream.writeBytes(splice);
            seq++;
            stream.writeBytes(Frames.sample(seq, seq * 7L, seq, -seq, 0));
            boolean glued = splice.length > 0 && splice[splice.length - 1] != 0;
            if (glued) {
                touched++;
            } else {
                mustArrive.add(seq);
            }
        }
        Frames.Collector collector = new Frames.Collector();
        byte[] bytes = stream.toByteArray();
        new FrameDecoder().decode(bytes, 0, bytes.length, collector);

        List<Integer> intact = new ArrayList<>();
        for (Frames.Received f : collector.frames) {
            if (f.type() == MessageType.SAMPLE
                && Arrays.equals(f.payload(), payloadOf(Frames.sample(f.seq(), f.seq() * 7L, f.seq(), -f.seq(), 0)))) {
                intact.add(f.seq());
            }
        }
        assertTrue(intact.containsAll(mustArrive), "expected " + mustArrive + " among " + intact);
        assertTrue(splices.size() + 1 - intact.size() <= touched, "lost more frames than garbage touched");
    }

    private static byte[] payloadOf(byte[] wire) {
        Frames.Collector c = new Frames.Collector();
        new FrameDecoder().decode(wire, 0, wire.length, c);
        return c.frames.get(0).payload();
    }

}
