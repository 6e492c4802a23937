package io.rollcoach.sim;

import java.util.List;
import java.util.Random;

import io.rollcoach.sim.scenario.Scenario;
import io.rollcoach.sim.scenario.Segment;

/**
 * The person's movement over time: where the roller is on the calf, how hard they press, and when the button is
 * down. Advanced in small time steps; allocates nothing. The stroke is a sine (a person's oscillation slows into
 * each reversal), its centre drifts when the person moves to another spot, and the force rises mid-stroke. On the
 * way back (the half where the position falls) the person may lift the leg or drag the roller barely loaded.
 */
final class Motion {
    static final double GRAVITY = 9.81;
    /** How fast force follows the target: contact builds and releases over about 150 ms. */
    static final double FORCE_TIME_CONSTANT_S = 0.05;
    static final double LONG_PRESS_S = 1.0;
    static final double SHORT_PRESS_S = 0.2;

    private final List<Segment> segments;
    private final double bodyWeightKg;
    private final Random random;

    private int segmentIndex;
    private double segmentStart;
    private double centreBaseMm;
    private double phase;
    private double previousTime;

    double positionMm;
    double forceNewtons;
    boolean loaded;
    boolean buttonHeld;
    /** The press that ended at this step: 0 none, 1 short, 2 long. */
    int pressReleased;
    boolean finished;
    private double pressEnd = -1;
    private int pressCode;
    private int nextPress;
    private boolean endPressDone;
    /** An end press its segment had no rest to play in: played as the next segment (or the end) begins. */
    private String carriedEndPress;

    Motion(Scenario scenario, double bodyWeightKg, Random random) {
        this.segments = scenario.segments();
        this.bodyWeightKg = bodyWeightKg;
        this.random = random;
    }

    /** Moves the person to {@code t} seconds since the start; t only grows. */
    void advanceTo(double t) {
        double dt = Math.max(0, t - previousTime);
        previousTime = t;
        pressReleased = 0;
        Segment segment = currentSegment(t);
        if (segment == null) {
            loaded = false;
            forceNewtons += (0 - forceNewtons) * Math.min(1, dt / FORCE_TIME_CONSTANT_S);
            updateButton(null, 0, t); // a press under way, or still owed, finishes after the last segment
            finished = !buttonHeld && carriedEndPress == null;
            return;
        }
        double s = t - segmentStart;
        boolean inRest = s >= segment.durationSeconds();
        boolean lifted = segment.liftEverySeconds() > 0
            && (s % segment.liftEverySeconds()) >= segment.liftEverySeconds() - segment.liftSeconds();
        boolean holding = segment.holdAtSeconds() >= 0 && s >= segment.holdAtSeconds()
            && s < segment.holdAtSeconds() + segment.holdSeconds();
        loaded = !inRest && !lifted;

        double targetForce = 0;
        if (loaded) {
            if (!holding) {
                phase += dt * 2 * Math.PI * segment.cadencePerMinute() / 120.0;
            }
            double drift = segment.driftMm() * Math.min(1, s / segment.durationSeconds());
            positionMm = centreBaseMm + drift + segment.strokeMm() / 2 * Math.sin(phase);
            double fraction = segment.loadFraction();
            // the return half is where sin(phase) falls, i.e. cos(phase) < 0
            if (segment.returnMode() != Segment.ReturnMode.ROLL && Math.cos(phase) < 0) {
                if (segment.returnMode() == Segment.ReturnMode.LIFT) {
                    loaded = false; // the leg travels back in the air: force falls as in a lift, the roller stays
                } else {
                    fraction = segment.dragFraction();
                }
            }
            if (loaded) {
                targetForce = fraction * bodyWeightKg * GRAVITY * (1 + 0.12 * Math.sin(2 * phase));
            }
        }
        forceNewtons += (targetForce - forceNewtons) * Math.min(1, dt / FORCE_TIME_CONSTANT_S);
        updateButton(segment, s, t);
    }

    private Segment currentSegment(double t) {
        while (segmentIndex < segments.size()) {
            Segment segment = segments.get(segmentIndex);
            if (t < segmentStart + segment.durationSeconds() + segment.restSeconds()) {
                return segment;
            }
            if (!endPressDone && !segment.endPress().equals("none")) {
                carriedEndPress = segment.endPress(); // restSeconds 0: the segment ended before its end press
            }
            centreBaseMm += segment.driftMm();
            segmentStart += segment.durationSeconds() + segment.restSeconds();
            segmentIndex++;
            nextPress = 0;
            endPressDone = false;
        }
        return null;
    }

    private void updateButton(Segment segment, double s, double t) {
        if (pressEnd >= 0 && t >= pressEnd) {
            buttonHeld = false;
            pressEnd = -1;
            pressReleased = pressCode;
        }
        if (pressEnd < 0 && carriedEndPress != null) {
            startPress(carriedEndPress, t);
            carriedEndPress = null;
        }
        if (pressEnd < 0 && segment != null) {
            if (nextPress < segment.presses().size() && s >= segment.presses().get(nextPress).atSeconds()) {
                startPress(segment.presses().get(nextPress).kind(), t);
                nextPress++;
            } else if (!endPressDone && s >= segment.durationSeconds()) {
                endPressDone = true;
                if (!segment.endPress().equals("none")) {
                    startPress(segment.endPress(), t);
                }
            }
        }
    }

    private void startPress(String kind, double t) {
        boolean isLong = kind.equals("long");
        buttonHeld = true;
        pressCode = isLong ? 2 : 1;
        pressEnd = t + (isLong ? LONG_PRESS_S : SHORT_PRESS_S) * (0.9 + 0.2 * random.nextDouble());
    }
}
