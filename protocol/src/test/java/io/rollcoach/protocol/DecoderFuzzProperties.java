package io.rollcoach.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Valid streams mutated as a bad cable would (bits flipped, bytes dropped, inserted, cut short): the decoder never
 * throws, every frame it hands on passed its checks, and it resynchronises: the last frames, sent after the damage
 * and well apart from it, always arrive.
 */
class DecoderFuzzProperties {
    private static final int FRAMES = 100;
    /** Where a damage falls, in ten-thousandths of the damaged part of the stream. */
    private static final int PLACES = 10_000;

    /** One thing a bad cable does to a byte: flip a bit, drop it, insert one before it, or cut the frame there. */
    record Damage(int place, int kind, int bit, byte inserted) {
    }

    @Provide
    Arbitrary<List<Damage>> damages() {
        return Combinators.combine(Arbitraries.integers().between(0, PLACES - 1), Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 7), Arbitraries.bytes())
            .as(Damage::new).list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 1000)
    void damageNeverThrowsAndIsSurvived(@ForAll @Size(FRAMES) List<@IntRange(min = 0, max = 4999) Integer> forces,
                                        @ForAll @Size(FRAMES) List<Integer> angles,
                                        @ForAll("damages") List<Damage> damages,
                                        @ForAll @IntRange(min = 1, max = 64) int chunk) {
        FrameEncoder encoder = new FrameEncoder();
        SampleEncoder sample = new SampleEncoder();
        byte[] stream = new byte[200 * ProtocolV1.MAX_FRAME_LENGTH];
        int length = 0;
        for (int i = 0; i < FRAMES; i++) {
            sample.wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET).timeUs(i * 10_000L)
                .forceDeciNewtons(forces.get(i)).angleTenthMilliradians(angles.get(i)).flags(0);
            length += encoder.encode(MessageType.SAMPLE, i, SampleDecoder.LENGTH, stream, length);
        }
        int damagedEnd = length * 7 / 10; // damage only the first 70%
        Damage[] damageAt = new Damage[length];
        for (Damage damage : damages) {
            damageAt[(int) ((long) damage.place() * damagedEnd / PLACES)] = damage;
        }
        byte[] damaged = new byte[length + damages.size()];
        int out = 0;
        for (int i = 0; i < length; i++) {
            Damage damage = damageAt[i];
            if (damage != null) {
                switch (damage.kind()) {
                    case 0 -> damaged[out++] = (byte) (stream[i] ^ (1 << damage.bit()));
                    case 1 -> { } // dropped
                    case 2 -> {
                        damaged[out++] = damage.inserted();
                        damaged[out++] = stream[i];
                    }
                    default -> damaged[out++] = 0; // a delimiter where none belongs: a frame cut short
                }
            } else {
                damaged[out++] = stream[i];
            }
        }
        FrameDecoder decoder = new FrameDecoder();
        SampleDecoder reader = new SampleDecoder();
        int[] lastSeq = {-1};
        int[] count = {0};
        for (int offset = 0; offset < out; offset += chunk) {
            decoder.decode(damaged, offset, Math.min(chunk, out - offset), (type, seq, buffer, payload, len) -> {
                assertEquals(MessageType.SAMPLE, type);
                assertEquals(SampleDecoder.LENGTH, len);
                reader.wrap(buffer, payload);
                lastSeq[0] = seq;
                count[0]++;
            });
        }
        assertEquals(FRAMES - 1, lastSeq[0], "the undamaged tail arrives");
        assertTrue(count[0] >= 25, "frames: " + count[0]);
        FrameStats stats = decoder.stats();
        assertEquals(count[0], stats.framesDecoded());
    }
}
