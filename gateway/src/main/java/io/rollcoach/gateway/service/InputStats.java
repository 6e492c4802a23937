package io.rollcoach.gateway.service;

import java.util.LinkedHashMap;
import java.util.Map;

import io.rollcoach.protocol.FrameStats;

/**
 * Frames a second and the engine's lag, measured per batch of bytes on the input thread (never per sample):
 * the lag is the longest a batch took to decode and judge over the last report interval.
 */
final class InputStats {
    private static final long INTERVAL_NANOS = 2_000_000_000L;
    private long windowStart = System.nanoTime();
    private long framesAtWindowStart;
    private long worstBatchNanos;
    private volatile double framesPerSecond;
    private volatile double lagMillis;

    /** Called by the input thread after each batch. */
    void batch(long frames, long batchNanos) {
        worstBatchNanos = Math.max(worstBatchNanos, batchNanos);
        long now = System.nanoTime();
        if (now - windowStart >= INTERVAL_NANOS) {
            framesPerSecond = (frames - framesAtWindowStart) * 1e9 / (now - windowStart);
            lagMillis = worstBatchNanos / 1e6;
            worstBatchNanos = 0;
            framesAtWindowStart = frames;
            windowStart = now;
        }
    }

    Map<String, Object> health(boolean online, FrameStats stats) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("link", online ? "online" : "offline");
        health.put("framesPerSecond", Math.round(framesPerSecond * 10) / 10.0);
        health.put("framesDecoded", stats.framesDecoded());
        health.put("framesLost", stats.framesLost());
        health.put("framesRejected", stats.framesRejected());
        health.put("engineLagMs", Math.round(lagMillis * 1000) / 1000.0);
        return health;
    }
}
