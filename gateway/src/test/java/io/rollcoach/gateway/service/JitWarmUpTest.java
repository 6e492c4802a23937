package io.rollcoach.gateway.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.TechniqueConfig;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {
    @Test
    void theWarmUpJudgesEveryScenarioItPlaysSoTheCodeOfEveryVerdictRuns() {
        JitWarmUp warmUp = new JitWarmUp(TechniqueConfig.defaults(), Routine.guide());

        long events = warmUp.run();

        // a full guided session alone says over a hundred things; the faulty scenarios add their warnings
        assertTrue(events > 150, "events said: " + events);
    }
}
