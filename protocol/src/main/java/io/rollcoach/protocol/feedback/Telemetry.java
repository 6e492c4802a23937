package io.rollcoach.protocol.feedback;

/**
 * A snapshot of the rolling, published about ten times a second for live displays. Mutable and reused like
 * {@link FeedbackEvent}; NaN means not known yet.
 */
public final class Telemetry {
    public double timeSeconds;
    public CharSequence device;
    public CharSequence step;
    /** Position along the tissue since contact began, millimetres. */
    public double positionMm = Double.NaN;
    public double forceNewtons;
    public boolean contact;
    public double lastStrokeMm = Double.NaN;
    /** Strokes a minute (one stroke per reversal), over the last few seconds. */
    public double cadencePerMinute = Double.NaN;
    /** Extent of tissue rolled in the coverage window, millimetres. */
    public double coverageMm = Double.NaN;
    /** Seconds worked on the current trigger point. */
    public double dwellSeconds;
    /** Loaded seconds on the current step of the routine. */
    public double stepSeconds;
    /** Loaded seconds on the current step's tissue group, and its target; NaN when the step has none. */
    public double tissueSeconds = Double.NaN;
    public double tissueTargetSeconds = Double.NaN;
    /** Seconds since the session started. */
    public double sessionSeconds;
}
