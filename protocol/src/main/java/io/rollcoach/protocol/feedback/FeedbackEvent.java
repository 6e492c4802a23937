package io.rollcoach.protocol.feedback;

/**
 * One coaching event, as the engine fills it in before {@link FeedbackEventWriter} writes it. Mutable and reused:
 * the engine keeps one and overwrites it for each event, so nothing is allocated per event. Optional fields
 * are NaN (numbers) or null (text) when absent.
 */
public final class FeedbackEvent {
    /** Seconds since the session's first sample, from the roller's clock. */
    public double timeSeconds;
    /** Counts up by one per event for the device, without gaps. */
    public long sequence;
    public CharSequence device;
    public Rule rule;
    public Verdict verdict;
    public Severity severity;
    public double value = Double.NaN;
    public String unit;
    public double min = Double.NaN;
    public double max = Double.NaN;
    public CharSequence step;
    /** Short, plain and actionable; rebuilt in place by the engine for each event. */
    public final StringBuilder message = new StringBuilder(160);
    /** The same advice written to be read aloud ("one and a half inches"); left out of the JSON when empty. */
    public final StringBuilder speech = new StringBuilder(160);

    /** Clears the optional fields, ready for the next event. */
    public FeedbackEvent reset() {
        value = Double.NaN;
        unit = null;
        min = Double.NaN;
        max = Double.NaN;
        step = null;
        message.setLength(0);
        speech.setLength(0);
        return this;
    }
}
