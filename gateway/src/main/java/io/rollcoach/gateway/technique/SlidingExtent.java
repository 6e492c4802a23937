package io.rollcoach.gateway.technique;

/**
 * The lowest and highest position over a sliding time window, in O(1) amortised per sample and without
 * allocating: two monotonic queues over preallocated arrays. Points closer than {@link #MIN_INTERVAL_S} to the
 * last one kept are skipped, which bounds the arrays for any sample rate.
 */
final class SlidingExtent {
    static final double MIN_INTERVAL_S = 0.005;
    private static final int CAPACITY = 8192; // 30 s (the longest window allowed) at one point per 5 ms, and room
    private static final int MASK = CAPACITY - 1;

    private final double[] minTimes = new double[CAPACITY];
    private final double[] minValues = new double[CAPACITY];
    private final double[] maxTimes = new double[CAPACITY];
    private final double[] maxValues = new double[CAPACITY];
    private int minHead;
    private int minTail;
    private int maxHead;
    private int maxTail;
    private double windowSeconds;
    private double firstTime = Double.NaN;
    private double lastPushTime = Double.NEGATIVE_INFINITY;

    SlidingExtent(double windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    void windowSeconds(double seconds) {
        windowSeconds = seconds;
    }

    void clear() {
        minHead = minTail = maxHead = maxTail = 0;
        firstTime = Double.NaN;
        lastPushTime = Double.NEGATIVE_INFINITY;
    }

    void add(double time, double value) {
        if (Double.isNaN(firstTime)) {
            firstTime = time;
        }
        if (time - lastPushTime < MIN_INTERVAL_S) {
            return; // decimated: at the slowest reversal a peak moves well under 0.1 mm in 5 ms
        }
        lastPushTime = time;
        while (minTail > minHead && minValues[(minTail - 1) & MASK] >= value) {
            minTail--;
        }
        minTimes[minTail & MASK] = time;
        minValues[minTail & MASK] = value;
        minTail++;
        while (maxTail > maxHead && maxValues[(maxTail - 1) & MASK] <= value) {
            maxTail--;
        }
        maxTimes[maxTail & MASK] = time;
        maxValues[maxTail & MASK] = value;
        maxTail++;
        double horizon = time - windowSeconds;
        while (minTimes[minHead & MASK] < horizon || minTail - minHead > CAPACITY - 1) {
            minHead++;
        }
        while (maxTimes[maxHead & MASK] < horizon || maxTail - maxHead > CAPACITY - 1) {
            maxHead++;
        }
    }

    /** Highest minus lowest over the window; 0 when empty. */
    double extent() {
        if (minTail == minHead) {
            return 0;
        }
        return maxValues[maxHead & MASK] - minValues[minHead & MASK];
    }

    /** How long the window has been filling since the last clear, seconds. */
    double spanSeconds(double now) {
        return Double.isNaN(firstTime) ? 0 : now - firstTime;
    }
}
