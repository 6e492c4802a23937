package io.rollcoach.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLibraryTest {
    private static final String MINIMAL = "segments:\n  - {durationSeconds: 5}\n";

    private static ScenarioException fails(String yaml) {
        return assertThrows(ScenarioException.class, () -> ScenarioLibrary.parse(yaml, "my.yaml"));
    }

    @Test
    void everyIndexedScenarioLoadsUnderItsOwnName() {
        assertEquals(18, ScenarioLibrary.names().size());
        for (String name : ScenarioLibrary.names()) {
            Scenario scenario = ScenarioLibrary.load(name);
            assertEquals(name, scenario.name());
            assertFalse(scenario.description().isBlank(), name);
            assertFalse(scenario.expectedVerdicts().isEmpty(), name);
        }
    }

    @Test
    void defaultsFillWhatASegmentLeavesOut() {
        Scenario scenario = ScenarioLibrary.parse(MINIMAL, "my.yaml");
        assertEquals("custom", scenario.name());
        Segment segment = scenario.segments().get(0);
        assertEquals("roll", segment.step());
        assertEquals(38, segment.strokeMm());
        assertEquals(30, segment.cadencePerMinute());
        assertEquals(0.35, segment.loadFraction());
        assertEquals(0, segment.liftEverySeconds());
        assertEquals(1.5, segment.liftSeconds());
        assertEquals(-1, segment.holdAtSeconds());
        assertEquals("none", segment.endPress());
        assertEquals(Segment.ReturnMode.ROLL, segment.returnMode());
        assertEquals(0.15, segment.dragFraction());
        assertEquals(-1, segment.restartAtSeconds());
        assertEquals(0, scenario.corruptRate());
    }

    @Test
    void returnModeDragFractionAndRestartAreRead() {
        Segment segment = ScenarioLibrary.parse("segments:\n  - {durationSeconds: 20, returnMode: drag, "
            + "dragFraction: 0.1, restartAtSeconds: 12.5}\n", "my.yaml").segments().get(0);
        assertEquals(Segment.ReturnMode.DRAG, segment.returnMode());
        assertEquals(0.1, segment.dragFraction());
        assertEquals(12.5, segment.restartAtSeconds());
        assertEquals(Segment.ReturnMode.LIFT, ScenarioLibrary.parse("segments:\n  - {durationSeconds: 5, "
            + "returnMode: lift}\n", "my.yaml").segments().get(0).returnMode());
    }

    @Test
    void badReturnModeDragFractionOrRestartIsNamedWithWhatIsAllowed() {
        String mode = fails("segments:\n  - {durationSeconds: 5}\n  - {durationSeconds: 5, returnMode: hop}\n")
            .getMessage();
        assertEquals("my.yaml: segments[1].returnMode must be roll, lift or drag, was 'hop'", mode);
        String caseMatters = fails("segments:\n  - {durationSeconds: 5, returnMode: LIFT}\n").getMessage();
        assertTrue(caseMatters.contains("segments[0].returnMode"), caseMatters);
        String drag = fails("segments:\n  - {durationSeconds: 5, dragFraction: 2}\n").getMessage();
        assertTrue(drag.startsWith("my.yaml: segments[0].dragFraction must be from 0.0 to 1.5"), drag);
        String late = fails("defaults: {restartAtSeconds: 8}\nsegments:\n  - {durationSeconds: 5, restSeconds: 2}\n")
            .getMessage();
        assertTrue(late.startsWith("my.yaml: segments[0].restartAtSeconds must be -1 (never) or within the segment")
            && late.contains("(7.0)") && late.endsWith("was 8.0"), late);
        String between = fails("segments:\n  - {durationSeconds: 5, restartAtSeconds: -0.5}\n").getMessage();
        assertTrue(between.contains("segments[0].restartAtSeconds") && between.contains("was -0.5"), between);
        String unknown = fails("segments:\n  - {durationSeconds: 5, returnMod: lift}\n").getMessage();
        assertTrue(unknown.contains("returnMode, dragFraction, restartAtSeconds"), unknown);
    }

    @Test
    void aScenarioDefaultsBlockAppliesToEverySegmentButYieldsToIt() {
        Scenario scenario = ScenarioLibrary.parse("defaults: {strokeMm: 30, restSeconds: 2}\nsegments:\n"
            + "  - {durationSeconds: 5}\n  - {durationSeconds: 5, strokeMm: 50}\n", "my.yaml");
        assertEquals(30, scenario.segments().get(0).strokeMm());
        assertEquals(50, scenario.segments().get(1).strokeMm());
        assertEquals(14, scenario.durationSeconds());
    }

    @Test
    void badYamlNamesTheSourceAndPlace() {
        ScenarioException e = fails("segments: [ {durationSeconds: 5\n");
        assertTrue(e.getMessage().startsWith("my.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void unknownKeysAreNamedWithWhereTheyAre() {
        ScenarioException top = fails("nmae: x\n" + MINIMAL);
        assertTrue(top.getMessage().contains("my.yaml") && top.getMessage().contains("'nmae'"), top.getMessage());
        ScenarioException inSegment = fails("segments:\n  - {durationSeconds: 5, strokMm: 3}\n");
        assertTrue(inSegment.getMessage().contains("my.yaml")
            && inSegment.getMessage().contains("'segments[0].strokMm'"), inSegment.getMessage());
        ScenarioException inDefaults = fails("defaults: {speed: 3}\n" + MINIMAL);
        assertTrue(inDefaults.getMessage().contains("'defaults.speed'"), inDefaults.getMessage());
    }

    @Test
    void outOfRangeAndMistypedValuesAreNamed() {
        ScenarioException range = fails("segments:\n  - {durationSeconds: 5}\n"
            + "  - {durationSeconds: 5, loadFraction: 2}\n");
        assertTrue(range.getMessage().contains("my.yaml") && range.getMessage().contains("segments[1].loadFraction")
            && range.getMessage().contains("was 2.0"), range.getMessage());
        ScenarioException text = fails("segments:\n  - {durationSeconds: five}\n");
        assertTrue(text.getMessage().contains("segments[0].durationSeconds must be a number"), text.getMessage());
        ScenarioException rate = fails("dropRate: 0.9\n" + MINIMAL);
        assertTrue(rate.getMessage().contains("my.yaml") && rate.getMessage().contains("dropRate"), rate.getMessage());
        ScenarioException kind = fails("segments:\n"
            + "  - {durationSeconds: 5, presses: [{atSeconds: 1, kind: double}]}\n");
        assertTrue(kind.getMessage().contains("segments[0].presses[0].kind"), kind.getMessage());
        ScenarioException end = fails("segments:\n  - {durationSeconds: 5, endPress: maybe}\n");
        assertTrue(end.getMessage().contains("segments[0].endPress"), end.getMessage());
    }

    @Test
    void missingPiecesAreNamed() {
        assertTrue(fails("segments:\n  - {strokeMm: 5}\n").getMessage()
            .contains("my.yaml: segments[0].durationSeconds is required"));
        assertTrue(fails("name: x\n").getMessage().contains("'segments' must be a non-empty list"));
        assertTrue(fails("- 1\n- 2\n").getMessage().contains("my.yaml"));
    }

    @Test
    void loadTakesAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("mine.yaml");
        Files.writeString(good, "name: mine\n" + MINIMAL);
        assertEquals("mine", ScenarioLibrary.load(good.toString()).name());
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "segments:\n  - {durationSeconds: 0}\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLibrary.load(bad.toString()));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("durationSeconds"),
            e.getMessage());
        ScenarioException missing = assertThrows(ScenarioException.class, () -> ScenarioLibrary.load("no-such"));
        assertTrue(missing.getMessage().contains("no-such") && missing.getMessage().contains("good-technique"),
            missing.getMessage());
    }
}
