package io.rollcoach.gateway.technique;

import java.util.Random;

/**
 * Writes synthetic rolling straight into an engine, sample by sample at 100 Hz: strokes of a given length and
 * cadence around a centre that may drift, a given force. Keeps the roller clock and angle across calls, as a
 * real roller would.
 */
final class Rolling {
    static final int RATE_HZ = 100;
    private final TechniqueEngine engine;
    private final double radiusMm;
    private final Random random = new Random(1);
    private long timeUs;
    private double angleRad;
    private double positionMm;
    private double phase;
    private double noiseMm;
    private double forceNoiseN;

    Rolling(TechniqueEngine engine) {
        this(engine, 75, 0);
    }

    Rolling(TechniqueEngine engine, double radiusMm, long clockStartUs) {
        this.engine = engine;
        this.radiusMm = radiusMm;
        this.timeUs = clockStartUs;
    }

    Rolling noise(double positionMm, double forceN) {
        noiseMm = positionMm;
        forceNoiseN = forceN;
        return this;
    }

    /** Oscillates: {@code strokeMm} peak to peak, {@code perMinute} strokes (reversals) a minute. */
    Rolling roll(double seconds, double strokeMm, double perMinute, double forceN) {
        return roll(seconds, strokeMm, perMinute, forceN, 0);
    }

    Rolling roll(double seconds, double strokeMm, double perMinute, double forceN, double driftMm) {
        int samples = (int) Math.round(seconds * RATE_HZ);
        double centre = positionMm - strokeMm / 2 * Math.sin(phase);
        for (int i = 0; i < samples; i++) {
            phase += 2 * Math.PI * perMinute / 120.0 / RATE_HZ;
            double next = centre + driftMm * (i + 1) / samples + strokeMm / 2 * Math.sin(phase);
            move(next, forceN, 0);
        }
        return this;
    }

    /** Loaded and still. */
    Rolling hold(double seconds, double forceN) {
        for (int i = 0; i < Math.round(seconds * RATE_HZ); i++) {
            move(positionMm, forceN, 0);
        }
        return this;
    }

    /** Off the roller: no force, no rotation. */
    Rolling lift(double seconds) {
        for (int i = 0; i < Math.round(seconds * RATE_HZ); i++) {
            sample(0, 0);
        }
        return this;
    }

    Rolling press(int code) {
        engine.onButton(code);
        return this;
    }

    private void move(double nextPositionMm, double forceN, int flags) {
        angleRad += (nextPositionMm - positionMm) / radiusMm;
        positionMm = nextPositionMm;
        sample(forceN, flags);
    }

    private void sample(double forceN, int flags) {
        double noisyAngle = angleRad + random.nextGaussian() * noiseMm / radiusMm;
        double force = Math.max(0, forceN + random.nextGaussian() * forceNoiseN);
        engine.onSample(timeUs & 0xFFFF_FFFFL, (int) Math.round(force * 10), (int) Math.round(noisyAngle * 1e4), flags);
        timeUs += 1_000_000 / RATE_HZ;
    }
}
