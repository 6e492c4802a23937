package io.rollcoach.gateway.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.rollcoach.gateway.outbox.MessageSink;
import org.junit.jupiter.api.Test;

/** A rule's cue (the buzz) leaves at the start of the next sample or tick, never on the sample of its event. */
class CuesAfterTheSampleTest {
    private final List<String> sent = new ArrayList<>();
    private final RollerLink roller = (pattern, durationMs) -> sent.add(pattern + "/" + durationMs);

    @Test
    void heldCuesGoOutInOrderWhenSentAndOnlyOnce() {
        CuesAfterTheSample cues = new CuesAfterTheSample(roller);

        assertTrue(cues.cue(RollerLink.CUE_ADJUST, 200));
        assertTrue(cues.cue(RollerLink.CUE_STEP_DONE, 400));
        assertTrue(sent.isEmpty(), "nothing written while the sample is judged");
        cues.send();
        cues.send();

        assertEquals(List.of("2/200", "3/400"), sent);
    }

    @Test
    void aFifthCueInOneSampleIsRefusedNotQueuedWithoutBound() {
        CuesAfterTheSample cues = new CuesAfterTheSample(roller);
        for (int i = 0; i < 4; i++) {
            assertTrue(cues.cue(RollerLink.CUE_GOOD, 150));
        }

        assertFalse(cues.cue(RollerLink.CUE_GOOD, 150));
        cues.send();
        assertEquals(4, sent.size());
    }

    @Test
    void theEnginesBuzzForAFaultGoesOutAtTheStartOfTheSampleAfterItsEvent() {
        int[] sample = {0};
        List<Integer> faultSamples = new ArrayList<>();
        List<Integer> buzzSamples = new ArrayList<>();
        RecordingSink sink = new RecordingSink();
        MessageSink watching = (type, device, body, offset, length) -> {
            int before = sink.events("stroke", "too-long").size();
            sink.publish(type, device, body, offset, length);
            if (sink.events("stroke", "too-long").size() > before) {
                faultSamples.add(sample[0]);
            }
        };
        TechniqueEngine engine = new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(), watching,
            (pattern, durationMs) -> buzzSamples.add(sample[0]), SessionLedger.inMemory(), null);

        // 20 s at 100 Hz of 80 mm strokes at 30 a minute under 250 N: too long, said and buzzed
        for (sample[0] = 0; sample[0] < 2000; sample[0]++) {
            double positionMm = 40 * Math.sin(2 * Math.PI * 0.25 * sample[0] / 100.0);
            engine.onSample(sample[0] * 10_000L, 2500, (int) Math.round(positionMm / 75 * 1e4), 0);
        }

        assertFalse(faultSamples.isEmpty(), sink.verdicts().toString());
        assertEquals(faultSamples.stream().map(s -> s + 1).toList(), buzzSamples.subList(0, faultSamples.size()),
            "each buzz one sample after its fault");
    }
}
