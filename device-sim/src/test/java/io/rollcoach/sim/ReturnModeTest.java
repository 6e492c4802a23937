package io.rollcoach.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.rollcoach.sim.scenario.ScenarioLibrary;

/**
 * How the person brings the roller back, as the gateway sees it: force and position along the leg in each half of
 * the oscillation. one-way-lift and one-way-drag push 45 mm at 30 strokes a minute, so each oscillation takes 4 s:
 * the position rises for 1 s either side of t = 0, 4, 8, ... s and falls for the 2 s between.
 */
class ReturnModeTest {
    private static final double RADIUS_MM = 75;
    private static final double LOAD_N = 0.35 * 75 * Motion.GRAVITY; // 257.5 N
    private static final double DRAG_N = 0.15 * 75 * Motion.GRAVITY; // 110.4 N
    private static final double LOADED_N = 20;

    private static Capture render(String name) {
        return Capture.decode(RollerSimulator.renderAll(ScenarioLibrary.load(name), SimOptions.defaults()));
    }

    /** Seconds into the 4 s oscillation. */
    private static double inCycle(Capture.Sample s) {
        return (s.timeUs() / 1e6) % 4;
    }

    /** The middle of the pushes (position rising), away from the force building and falling at the reversals. */
    private static boolean midPush(Capture.Sample s) {
        double c = inCycle(s);
        return s.timeUs() > 1_000_000 && s.timeUs() < 60_000_000 && (c > 3.4 || c < 0.6);
    }

    /** The middle of the way back (position falling). */
    private static boolean midReturn(Capture.Sample s) {
        double c = inCycle(s);
        return s.timeUs() < 60_000_000 && c > 1.4 && c < 2.6;
    }

    private static double meanForce(Capture capture, Predicate<Capture.Sample> where) {
        return capture.samples.stream().filter(where).mapToDouble(Capture.Sample::forceN).average().orElseThrow();
    }

    @Test
    void liftPushesUnderLoadAndComesBackInTheAir() {
        Capture capture = render("one-way-lift");
        assertEquals(LOAD_N, meanForce(capture, ReturnModeTest::midPush), LOAD_N * 0.03);
        for (Capture.Sample s : capture.samples) {
            if (midReturn(s)) {
                assertTrue(s.forceN() < 10, "off the roller at " + s.timeUs() + " us: " + s.forceN() + " N");
            }
        }
    }

    @Test
    void liftTurnsTheRollerOneWayOnly() {
        Capture capture = render("one-way-lift");
        double highestMm = -Double.MAX_VALUE;
        for (Capture.Sample s : capture.samples) {
            highestMm = Math.max(highestMm, s.positionMm(RADIUS_MM));
            // only the sensor's noise (0.3 mm one sigma) takes it below the furthest point so far
            assertTrue(s.positionMm(RADIUS_MM) > highestMm - 2.5, "rolled back at " + s.timeUs() + " us");
        }
        // a half push from the centre, 14 full pushes (3-5 s, 7-9 s, ... 55-57 s), a half push back to the centre
        double lastMm = capture.samples.get(capture.samples.size() - 1).positionMm(RADIUS_MM);
        assertEquals(15 * 45, lastMm, 5);
    }

    @Test
    void eachLiftPushTravelsTheStrokeFromWhereContactBegan() {
        // what the gateway computes: travel since the angle at contact, for each time the force is on
        List<double[]> pushes = contacts(render("one-way-lift")); // {start s, travel mm}
        assertEquals(16, pushes.size(), "0 s, then 3, 7, ... 59 s");
        for (int i = 1; i < pushes.size() - 1; i++) {
            assertEquals(3 + 4 * (i - 1), pushes.get(i)[0], 0.05, "push " + i + " starts");
            assertEquals(45, pushes.get(i)[1], 2, "push " + i + " travel");
        }
    }

    private static List<double[]> contacts(Capture capture) {
        List<double[]> out = new ArrayList<>();
        Capture.Sample start = null;
        Capture.Sample last = null;
        for (Capture.Sample s : capture.samples) {
            boolean on = s.forceN() > LOADED_N;
            if (on && start == null) {
                start = s;
            } else if (!on && start != null) {
                out.add(new double[] {start.timeUs() / 1e6, last.positionMm(RADIUS_MM) - start.positionMm(RADIUS_MM)});
                start = null;
            }
            last = s;
        }
        return out;
    }

    @Test
    void dragRollsBackBarelyLoadedWithoutLosingContact() {
        Capture capture = render("one-way-drag");
        assertEquals(LOAD_N, meanForce(capture, ReturnModeTest::midPush), LOAD_N * 0.03);
        assertEquals(DRAG_N, meanForce(capture, ReturnModeTest::midReturn), DRAG_N * 0.03);
        double lightest = capture.samples.stream().filter(s -> s.timeUs() > 200_000 && s.timeUs() < 60_000_000)
            .mapToDouble(Capture.Sample::forceN).min().orElseThrow();
        // the ±12% swing within a stroke takes the drag down to 0.88 × 110 N, less the sensor's noise: far above
        // any contact threshold (the gateway allows 5-40 N)
        assertTrue(lightest > 0.88 * DRAG_N - 4 * RollerSimulator.FORCE_NOISE_N, "lightest " + lightest + " N");
        assertEquals(1, contacts(capture).size(), "one contact from start to end");
    }

    @Test
    void dragRollsTheRollerBackAndForthOverTheStroke() {
        Capture capture = render("one-way-drag");
        DoublePredicate steady = t -> t > 1 && t < 59;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Capture.Sample s : capture.samples) {
            if (steady.test(s.timeUs() / 1e6)) {
                min = Math.min(min, s.positionMm(RADIUS_MM));
                max = Math.max(max, s.positionMm(RADIUS_MM));
            }
        }
        assertEquals(45, max - min, 2, "peak to peak, on one spot");
    }

    @Test
    void dragFractionSetsTheForceOnTheWayBack() {
        Capture capture = Capture.decode(RollerSimulator.renderAll(ScenarioLibrary.parse(
            "segments:\n  - {durationSeconds: 20, strokeMm: 45, returnMode: drag, dragFraction: 0.05}\n", "t.yaml"),
            SimOptions.defaults()));
        double expected = 0.05 * 75 * Motion.GRAVITY; // 36.8 N
        double mean = capture.samples.stream().filter(s -> s.timeUs() < 20_000_000 && inCycle(s) > 1.4
            && inCycle(s) < 2.6).mapToDouble(Capture.Sample::forceN).average().orElseThrow();
        assertEquals(expected, mean, 1.5);
    }

    @Test
    void rollIsTheDefaultAndSaysSoExplicitlyToo() {
        String yaml = "segments:\n  - {durationSeconds: 20, strokeMm: 45, dragFraction: 0.5%s}\n";
        byte[] implicit = RollerSimulator.renderAll(ScenarioLibrary.parse(String.format(yaml, ""), "t.yaml"),
            SimOptions.defaults());
        byte[] explicit = RollerSimulator.renderAll(ScenarioLibrary.parse(String.format(yaml, ", returnMode: roll"),
            "t.yaml"), SimOptions.defaults());
        assertArrayEquals(implicit, explicit);
    }
}
