package io.rollcoach.sim;

/**
 * How the simulated roller is built and how its link behaves.
 *
 * @param corruptRate fraction of bytes with a flipped bit; NaN takes the scenario's own default
 * @param dropRate    fraction of frames never sent (their seq is still used up); NaN takes the scenario's
 * @param clockStartUs the roller clock at the first sample; start near 2^32 to see it wrap
 */
public record SimOptions(long seed, int sampleRateHz, double radiusMm, double bodyWeightKg, long deviceId,
                         double corruptRate, double dropRate, boolean sendHello, long clockStartUs) {
    public static final long DEFAULT_DEVICE_ID = 0x00C0FFEE00000001L;

    public SimOptions {
        if (sampleRateHz < 1 || sampleRateHz > 5000) {
            throw new IllegalArgumentException("sample rate must be 1..5000 Hz, was " + sampleRateHz);
        }
        if (!(radiusMm >= 10 && radiusMm <= 200)) {
            throw new IllegalArgumentException("radius must be 10..200 mm, was " + radiusMm);
        }
        if (!(bodyWeightKg >= 20 && bodyWeightKg <= 300)) {
            throw new IllegalArgumentException("body weight must be 20..300 kg, was " + bodyWeightKg);
        }
        if (!Double.isNaN(corruptRate) && !(corruptRate >= 0 && corruptRate <= 0.5)) {
            throw new IllegalArgumentException("corrupt rate must be 0..0.5, was " + corruptRate);
        }
        if (!Double.isNaN(dropRate) && !(dropRate >= 0 && dropRate <= 0.5)) {
            throw new IllegalArgumentException("drop rate must be 0..0.5, was " + dropRate);
        }
        if (clockStartUs < 0 || clockStartUs > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("clock start must be 0..4294967295 us, was " + clockStartUs);
        }
    }

    /** 100 Hz, a 75 mm (6 in) roller, a 75 kg person, no faults beyond the scenario's, seed 1. */
    public static SimOptions defaults() {
        return new SimOptions(1, 100, 75, 75, DEFAULT_DEVICE_ID, Double.NaN, Double.NaN, true, 0);
    }

    public SimOptions withSeed(long value) {
        return new SimOptions(value, sampleRateHz, radiusMm, bodyWeightKg, deviceId, corruptRate, dropRate, sendHello,
            clockStartUs);
    }

    public SimOptions withSampleRateHz(int value) {
        return new SimOptions(seed, value, radiusMm, bodyWeightKg, deviceId, corruptRate, dropRate, sendHello,
            clockStartUs);
    }

    public SimOptions withRadiusMm(double value) {
        return new SimOptions(seed, sampleRateHz, value, bodyWeightKg, deviceId, corruptRate, dropRate, sendHello,
            clockStartUs);
    }

    public SimOptions withBodyWeightKg(double value) {
        return new SimOptions(seed, sampleRateHz, radiusMm, value, deviceId, corruptRate, dropRate, sendHello,
            clockStartUs);
    }

    public SimOptions withDeviceId(long value) {
        return new SimOptions(seed, sampleRateHz, radiusMm, bodyWeightKg, value, corruptRate, dropRate, sendHello,
            clockStartUs);
    }

    public SimOptions withCorruptRate(double value) {
        return new SimOptions(seed, sampleRateHz, radiusMm, bodyWeightKg, deviceId, value, dropRate, sendHello,
            clockStartUs);
    }

    public SimOptions withDropRate(double value) {
        return new SimOptions(seed, sampleRateHz, radiusMm, bodyWeightKg, deviceId, corruptRate, value, sendHello,
            clockStartUs);
    }

    public SimOptions withSendHello(boolean value) {
        return new SimOptions(seed, sampleRateHz, radiusMm, bodyWeightKg, deviceId, corruptRate, dropRate, value,
            clockStartUs);
    }

    public SimOptions withClockStartUs(long value) {
        return new SimOptions(seed, sampleRateHz, radiusMm, bodyWeightKg, deviceId, corruptRate, dropRate, sendHello,
            value);
    }
}
