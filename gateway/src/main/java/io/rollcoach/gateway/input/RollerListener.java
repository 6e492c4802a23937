package io.rollcoach.gateway.input;

/**
 * What an input (serial link, capture file, GPIO sampler) tells the one consumer of a roller's data, usually the
 * technique engine. Every call comes on the roller's input thread, in order; implementations must not block,
 * allocate per sample or log per sample. Only {@link #onSample} must be written; the rest are ignored unless
 * overridden.
 */
public interface RollerListener {
    /** The roller introduced itself; {@code radiusTenthMm} 0 means not known. */
    default void onHello(long deviceId, int firmwareMajor, int firmwareMinor, int sampleRateHz, int radiusTenthMm,
                         int sensors) {
    }

    /**
     * One sample.
     *
     * @param timeUs                roller clock, µs, wraps at 2^32
     * @param forceDeciNewtons      force on the roller, 0.1 N
     * @param angleTenthMilliradians cumulative rotation, 1e-4 rad
     * @param flags                 bit0 button held
     */
    void onSample(long timeUs, int forceDeciNewtons, int angleTenthMilliradians, int flags);

    default void onStatus(int batteryPercent, int temperatureCelsius, int faultFlags) {
    }

    /** The roller's button: {@code code} 1 short press, 2 long press. */
    default void onButton(int code) {
    }

    /**
     * The input's running totals, called after each batch of bytes (so not per sample): frames lost by
     * sequence number and frames rejected as corrupt since the input opened.
     */
    default void onDataQuality(long framesLostTotal, long framesRejectedTotal) {
    }

    /** The link to the roller is gone (unplugged, port vanished, sensor silent). */
    default void onLinkLost() {
    }

    /** The link is back; the next frames may start mid-stream. */
    default void onLinkRestored() {
    }

    /**
     * Called by the input thread at least every 100 ms even when no data arrives, with the monotonic time,
     * so that time-based rules and queued commands are served while the roller is silent.
     */
    default void onTick(long nowNanos) {
    }
}
