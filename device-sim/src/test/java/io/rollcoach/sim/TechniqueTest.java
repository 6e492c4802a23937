package io.rollcoach.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rollcoach.sim.scenario.ScenarioLibrary;

/**
 * The movement the simulator describes, measured from the decoded samples the way a coach would: stroke length
 * between reversals, reversals a minute, mean force. These are what the engine's verdicts rest on.
 */
class TechniqueTest {
    private static final double LOADED_N = 20;

    private static Capture render(String name, SimOptions options) {
        return Capture.decode(RollerSimulator.renderAll(ScenarioLibrary.load(name), options));
    }

    /** Loaded samples' positions, mm, smoothed over 9 samples so sensor noise makes no false reversals. */
    private static List<double[]> loadedPositions(Capture capture, double radiusMm) {
        List<double[]> out = new ArrayList<>(); // {time s, position mm}
        List<Capture.Sample> s = capture.samples;
        for (int i = 4; i < s.size() - 4; i++) {
            if (s.get(i).forceN() <= LOADED_N) {
                continue;
            }
            double sum = 0;
            for (int j = i - 4; j <= i + 4; j++) {
                sum += s.get(j).positionMm(radiusMm);
            }
            out.add(new double[] {s.get(i).timeUs() / 1e6, sum / 9});
        }
        return out;
    }

    /**
     * Peak-to-peak travel of each stroke between two reversals; a reversal is a turn of more than 1 mm from the
     * furthest point, so noise left after smoothing does not count. The first stroke starts wherever the data does.
     */
    private static List<Double> strokes(List<double[]> positions, List<Double> reversalTimes) {
        List<Double> strokes = new ArrayList<>();
        double lastTurn = positions.get(0)[1];
        double extreme = lastTurn;
        double extremeTime = positions.get(0)[0];
        int direction = 0;
        for (double[] p : positions) {
            double x = p[1];
            if (direction == 0) {
                if (Math.abs(x - lastTurn) > 1) {
                    direction = x > lastTurn ? 1 : -1;
                    extreme = x;
                }
            } else if ((x - extreme) * direction > 0) {
                extreme = x;
                extremeTime = p[0];
            } else if ((extreme - x) * direction > 1) {
                strokes.add(Math.abs(extreme - lastTurn));
                reversalTimes.add(extremeTime);
                lastTurn = extreme;
                extreme = x;
                extremeTime = p[0];
                direction = -direction;
            }
        }
        return strokes;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void goodTechniqueStrokesAre38MillimetresAt30AMinute() {
        for (double radius : new double[] {75, 50}) {
            Capture capture = render("good-technique", SimOptions.defaults().withRadiusMm(radius));
            List<Double> reversals = new ArrayList<>();
            List<Double> strokes = strokes(loadedPositions(capture, radius), reversals);
            // the first stroke starts from the centre, half a stroke
            List<Double> full = strokes.subList(1, strokes.size());
            for (double stroke : full) {
                assertEquals(38, stroke, 4, radius + " mm roller: strokes " + full);
            }
            assertEquals(38, median(full), 1.5);
            double minutes = (reversals.get(reversals.size() - 1) - reversals.get(0)) / 60;
            assertEquals(30, (reversals.size() - 1) / minutes, 1.5, "reversals a minute");
        }
    }

    @Test
    void strokeLengthAndCadenceFollowTheScenario() {
        record Case(String name, double strokeMm, double cadence) {
        }
        for (Case c : List.of(new Case("strokes-too-long", 80, 30), new Case("strokes-too-short", 10, 40),
            new Case("too-fast", 38, 100), new Case("too-slow", 38, 8), new Case("very-slow", 38, 4))) {
            Capture capture = render(c.name(), SimOptions.defaults());
            List<Double> reversals = new ArrayList<>();
            List<Double> strokes = strokes(loadedPositions(capture, 75), reversals);
            assertEquals(c.strokeMm(), median(strokes.subList(1, strokes.size())), Math.max(2, c.strokeMm() * 0.08),
                c.name());
            double minutes = (reversals.get(reversals.size() - 1) - reversals.get(0)) / 60;
            assertEquals(c.cadence(), (reversals.size() - 1) / minutes, c.cadence() * 0.08, c.name());
        }
    }

    @Test
    void meanForceIsTheLoadFractionOfBodyWeight() {
        record Case(String name, double loadFraction, double bodyWeightKg) {
        }
        for (Case c : List.of(new Case("good-technique", 0.35, 75), new Case("good-technique", 0.35, 110),
            new Case("too-heavy", 0.8, 75), new Case("too-light", 0.08, 75))) {
            Capture capture = render(c.name(), SimOptions.defaults().withBodyWeightKg(c.bodyWeightKg()));
            double expected = c.loadFraction() * c.bodyWeightKg() * 9.81;
            // the steady part: past the first second's build-up and before the release at the end
            double mean = capture.samples.stream().filter(s -> s.timeUs() > 1_000_000)
                .filter(s -> s.timeUs() < capture.samples.get(capture.samples.size() - 1).timeUs() - 1_000_000)
                .mapToDouble(Capture.Sample::forceN).average().orElseThrow();
            assertEquals(expected, mean, expected * 0.15, c.toString());
        }
    }

    @Test
    void liftOffsTakeTheLegOffEvery20SecondsFor1Point5() {
        Capture capture = render("lift-offs", SimOptions.defaults());
        List<double[]> offs = new ArrayList<>(); // {start, end}
        double offSince = -1;
        for (Capture.Sample s : capture.samples) {
            double t = s.timeUs() / 1e6;
            boolean off = s.forceN() < LOADED_N;
            if (t > 1 && off && offSince < 0) {
                offSince = t;
            } else if (!off && offSince >= 0) {
                offs.add(new double[] {offSince, t});
                offSince = -1;
            }
        }
        assertEquals(5, offs.size(), "lifts at 18.5, 38.5, 58.5, 78.5 and 98.5 s");
        for (int i = 0; i < offs.size(); i++) {
            assertEquals(18.5 + 20 * i, offs.get(i)[0], 0.2, "lift " + i);
            assertEquals(1.5, offs.get(i)[1] - offs.get(i)[0], 0.25, "lift " + i);
        }
    }

    @Test
    void bouncesReleaseTheForceFor0Point15SecondsEvery4OnTheSameSpot() {
        Capture capture = render("bounces", SimOptions.defaults());
        double loadN = 0.35 * 75 * Motion.GRAVITY;
        for (int k = 1; k <= 24; k++) {
            double liftS = 4 * k - 0.15;
            double lightest = Double.MAX_VALUE;
            double firstMm = Double.NaN;
            for (Capture.Sample s : capture.samples) {
                double t = s.timeUs() / 1e6;
                if (t >= liftS && t < 4 * k) {
                    // released for 0.15 s: three 50 ms time constants take the force to e^-3 of the load (13 N)
                    lightest = Math.min(lightest, s.forceN());
                    firstMm = Double.isNaN(firstMm) ? s.positionMm(75) : firstMm;
                    assertEquals(firstMm, s.positionMm(75), 1.5, "the roller stays put, bounce " + k + " at " + t);
                } else if (t > 1 && t < 99.8 && (t < liftS - 0.2 || t > 4 * k + 0.1) && Math.abs(t - 4 * k) < 2) {
                    assertTrue(s.forceN() > 0.7 * loadN, "loaded between bounces, at " + t + " s: " + s.forceN());
                }
            }
            assertTrue(lightest < LOADED_N, "bounce " + k + " went down to " + lightest + " N");
        }
    }

    @Test
    void holdStillStopsTheRollerWhileLoaded() {
        Capture capture = render("hold-still", SimOptions.defaults());
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Capture.Sample s : capture.samples) {
            double t = s.timeUs() / 1e6;
            if (t > 10.1 && t < 17.9) {
                assertTrue(s.forceN() > LOADED_N, "still loaded at " + t);
                min = Math.min(min, s.positionMm(75));
                max = Math.max(max, s.positionMm(75));
            }
        }
        assertTrue(max - min < 3, "moved " + (max - min) + " mm while holding still");
    }
}
