package io.rollcoach.gateway.gpio;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How late each sample started against its fixed-rate schedule: a histogram in 10 µs buckets up to 100 ms, written by
 * the sampler without allocating, read by anyone for p50/p99/max.
 */
final class IntervalJitter {
    static final int BUCKET_US = 10;
    private static final int BUCKETS = 10_000;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private volatile long maxNanos;
    private volatile long total;

    /** Sampler thread only. */
    void record(long lateNanos) {
        long late = Math.max(0, lateNanos);
        int bucket = (int) Math.min(BUCKETS - 1, late / 1000 / BUCKET_US);
        counts.lazySet(bucket, counts.get(bucket) + 1);
        if (late > maxNanos) {
            maxNanos = late;
        }
        total = total + 1;
    }

    long count() {
        return total;
    }

    long maxMicros() {
        return maxNanos / 1000;
    }

    /** The upper edge of the bucket holding that percentile, µs; 0 before any sample. */
    long percentileMicros(double percentile) {
        long n = total;
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(percentile / 100.0 * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min((long) (i + 1) * BUCKET_US, Math.max(maxMicros(), BUCKET_US));
            }
        }
        return maxMicros();
    }
}
