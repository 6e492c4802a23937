package io.rollcoach.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Valid streams mutated as a bad cable would (bits flipped, bytes dropped, inserted, cut short): the decoder never
 * throws, every frame it hands on passed its checks, and it resynchronises: the last frames, sent after the damage
 * and well apart from it, always arrive.
 */
class DecoderFuzzProperties {

    @Property(tries = 1000)
    void damageNeverThrowsAndIsSurvived(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int damages) {
        java.util.Random random = new java.util.Random(seed);
        FrameEncoder encoder = new FrameEncoder();
        SampleEncoder sample = new SampleEncoder();
        byte[] stream = new byte[200 * ProtocolV1.MAX_FRAME_LENGTH];
        int length = 0;
        for (int i = 0; i < 100; i++) {
            sample.wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET).timeUs(i * 10_000L)
                .forceDeciNewtons(random.nextInt(5000)).angleTenthMilliradians(random.nextInt()).flags(0);
            length += encoder.encode(MessageType.SAMPLE, i, SampleDecoder.LENGTH, stream, length);
        }
        int damagedEnd = length * 7 / 10; // damage only the first 70%
        byte[] damaged = new byte[length + damages * 8];
        int out = 0;
        for (int i = 0; i < length; i++) {
            if (i < damagedEnd && random.nextInt(length) < damages * 3) {
                switch (random.nextInt(4)) {
                    case 0 -> damaged[out++] = (byte) (stream[i] ^ (1 << random.nextInt(8)));
                    case 1 -> { } // dropped
                    case 2 -> {
                        damaged[out++] = (byte) random.nextInt(256);
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
        int chunk = 1 + random.nextInt(64);
        for (int offset = 0; offset < out; offset += chunk) {
            decoder.decode(damaged, offset, Math.min(chunk, out - offset), (type, seq, buffer, payload, len) -> {
                assertEquals(MessageType.SAMPLE, type);
                assertEquals(SampleDecoder.LENGTH, len);
                reader.wrap(buffer, payload);
                lastSeq[0] = seq;
                count[0]++;
            });
        }
        assertEquals(99, lastSeq[0], "the undamaged tail arrives");
        assertTrue(count[0] >= 25, "frames: " + count[0]);
        FrameStats stats = decoder.stats();
        assertEquals(count[0], stats.framesDecoded());
    }
}
