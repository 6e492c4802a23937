package io.rollcoach.bench.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.rollcoach.protocol.FrameDecoder;
import io.rollcoach.protocol.MessageType;
import io.rollcoach.protocol.ProtocolV1;
import io.rollcoach.protocol.SampleDecoder;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.Scenario;
import io.rollcoach.sim.scenario.ScenarioLibrary;

/**
 * One roller's frames for a whole run, rendered before it starts so writing them costs nothing but the write: the
 * bytes, where each frame starts, and for each SAMPLE its index and roller time. Knows the session origin (the
 * first loaded sample) so an event's {@code t} maps back to the sample that caused it.
 */
final class RollerFeed {
    /** Faults that start and mend often, lifts twice a second: many events to time. */
    static final String BUSY_SCENARIO = String.join("\n",
        "name: bench-busy",
        "segments:",
        "  - {step: soleus-left, durationSeconds: 6, strokeMm: 80, cadencePerMinute: 90, loadFraction: 0.35, "
            + "liftEverySeconds: 2, liftSeconds: 0.4}",
        "  - {step: soleus-left, durationSeconds: 6, strokeMm: 12, cadencePerMinute: 90, loadFraction: 0.35, "
            + "liftEverySeconds: 2, liftSeconds: 0.4}",
        "  - {step: soleus-left, durationSeconds: 6, strokeMm: 38, cadencePerMinute: 30, loadFraction: 0.8, "
            + "liftEverySeconds: 2, liftSeconds: 0.4}",
        "");

    final long deviceId;
    final byte[] bytes;
    final int[] frameStart;
    final int[] frameEnd;
    /** The sample index of each frame, or -1 for other frames. */
    final int[] sampleOf;
    final long[] sampleTimeUs;
    final int samples;
    final long originUs;

    RollerFeed(long deviceId, int rateHz, double seconds, String scenarioYaml, double corruptRate, double dropRate,
               long seed) {
        this(deviceId, rateHz, seconds, scenarioYaml, corruptRate, dropRate, seed, 0);
    }

    /**
     * @param leadSeconds steady rolling before the scenario begins, so that rollers started together make their
     *                    mistakes at different moments, as different people would
     */
    RollerFeed(long deviceId, int rateHz, double seconds, String scenarioYaml, double corruptRate, double dropRate,
               long seed, double leadSeconds) {
        this.deviceId = deviceId;
        Scenario scenario = ScenarioLibrary.parse(scenarioYaml, "bench");
        int segmentsNeeded = (int) Math.ceil(seconds / scenario.durationSeconds()) + 1;
        StringBuilder yaml = new StringBuilder("name: bench-run\nsegments:\n");
        if (leadSeconds > 0) {
            yaml.append(String.format(Locale.ROOT, "  - {step: soleus-left, durationSeconds: %.3f, "
                + "strokeMm: 38, cadencePerMinute: 60, loadFraction: 0.35}%n", leadSeconds));
        }
        String body = scenarioYaml.substring(scenarioYaml.indexOf("segments:\n") + "segments:\n".length());
        for (int i = 0; i < segmentsNeeded; i++) {
            yaml.append(body);
        }
        Scenario longRun = ScenarioLibrary.parse(yaml.toString(), "bench");
        RollerSimulator simulator = new RollerSimulator(longRun, SimOptions.defaults().withDeviceId(deviceId)
            .withSampleRateHz(rateHz).withSeed(seed).withCorruptRate(corruptRate).withDropRate(dropRate));
        int maxFrames = (int) (seconds * rateHz * 1.05) + 1000;
        byte[] all = new byte[maxFrames * 24];
        List<int[]> frames = new ArrayList<>();
        byte[] frame = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        int position = 0;
        long endNanos = (long) (seconds * 1e9);
        while (simulator.nextFrameDueNanos() < endNanos) {
            int length = simulator.nextFrame(frame, 0);
            if (length < 0) {
                break;
            }
            if (position + length > all.length) {
                all = Arrays.copyOf(all, all.length * 2);
            }
            System.arraycopy(frame, 0, all, position, length);
            frames.add(new int[] {position, position + length});
            position += length;
        }
        bytes = all;
        frameStart = new int[frames.size()];
        frameEnd = new int[frames.size()];
        sampleOf = new int[frames.size()];
        long[] times = new long[frames.size()];
        FrameDecoder decoder = new FrameDecoder();
        SampleDecoder sample = new SampleDecoder();
        int count = 0;
        long origin = -1;
        for (int i = 0; i < frames.size(); i++) {
            frameStart[i] = frames.get(i)[0];
            frameEnd[i] = frames.get(i)[1];
            long[] time = {-1};
            int[] force = {0};
            decoder.decode(bytes, frameStart[i], frameEnd[i] - frameStart[i], (type, seq, buffer, offset, len) -> {
                if (type == MessageType.SAMPLE) {
                    sample.wrap(buffer, offset);
                    time[0] = sample.timeUs();
                    force[0] = sample.forceDeciNewtons();
                }
            });
            if (time[0] >= 0) {
                sampleOf[i] = count;
                times[count++] = time[0];
                if (origin < 0 && force[0] >= 200) {
                    origin = time[0]; // the engine starts its session at the first loaded sample
                }
            } else {
                sampleOf[i] = -1;
            }
        }
        sampleTimeUs = Arrays.copyOf(times, count);
        samples = count;
        originUs = origin;
    }

    int frames() {
        return frameStart.length;
    }

    /** The sample an event at {@code t} (seconds since the session start) was caused by, or -1. */
    int sampleAt(double t) {
        long target = originUs + Math.round(t * 1e6);
        int low = 0;
        int high = samples - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sampleTimeUs[mid] < target) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        // t is rounded to the millisecond: the nearest sample is the one (samples are >= 1 ms apart up to 1000/s)
        if (low > 0 && target - sampleTimeUs[low - 1] < sampleTimeUs[low] - target) {
            low--;
        }
        return Math.abs(sampleTimeUs[low] - target) <= 1000 + 1_000_000L / 100 ? low : -1;
    }

    String topicId() {
        String hex = Long.toHexString(deviceId);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
