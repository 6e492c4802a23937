package io.rollcoach.gateway.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A routine file is checked whole when it loads, with what was wrong and where. */
class RoutineTest {
    private static final String HEAD = "name: r\nlegs: [left, right]\ntissues:\n  soleus: {title: Soleus}\nsteps:\n";

    private static String problem(String steps) {
        return assertThrows(IllegalArgumentException.class, () -> Routine.parse(HEAD + steps, "r.yaml")).getMessage();
    }

    @Test
    void theGuidesRoutineHasEveryStepForEachLeg() {
        Routine guide = Routine.guide();
        assertEquals(16, guide.steps().size());
        assertEquals("soleus-left", guide.steps().get(0).id());
        assertEquals("hands-on-right", guide.steps().get(15).id());
        assertEquals(12, guide.steps().get(15).minRepetitions());
        assertEquals(15, guide.steps().get(15).maxRepetitions());
    }

    @Test
    void repetitionsTheWrongWayRoundAreRefused() {
        assertEquals("r.yaml: steps[0].maxRepetitions (12) must be at least minRepetitions (15)",
            problem("  - {id: hands-on, kind: hands-on, minRepetitions: 15, maxRepetitions: 12}\n"));
    }

    @Test
    void twoStepsWithOneIdAreRefused() {
        assertEquals("r.yaml: steps[1].id 'soleus' is already the id of steps[0]",
            problem("  - {id: soleus, tissue: soleus}\n  - {id: soleus, tissue: soleus, targetSeconds: 40}\n"));
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotSilentlyOverwritten() {
        assertEquals(true, problem("  - {id: soleus, tissue: soleus, targetSeconds: 30, targetSeconds: 45}\n")
            .contains("Duplicate field 'targetSeconds'"));
    }

    @Test
    void anUnknownKeyIsNamed() {
        assertEquals(true, problem("  - {id: soleus, tissu: soleus}\n").contains("unknown key 'steps[0].tissu'"));
    }
}
