package io.rollcoach.sim.scenario;

import java.util.List;

/**
 * A stretch of rolling with one technique.
 *
 * @param step            the routine step the person is on (e.g. {@code soleus-left}); for the record only
 * @param durationSeconds how long the segment lasts
 * @param strokeMm        travel between two reversals (peak to peak); 0 rolls nowhere
 * @param cadencePerMinute strokes a minute (one stroke = one travel between reversals)
 * @param loadFraction    force on the roller as a fraction of body weight
 * @param driftMm         how far the centre of the strokes moves over the segment (to another spot)
 * @param liftEverySeconds lift the leg off every so many seconds (0: never)
 * @param liftSeconds     how long each lift lasts
 * @param holdAtSeconds   when, into the segment, the person stops moving while loaded (-1: never)
 * @param holdSeconds     how long they stay still
 * @param presses         button presses during the segment
 * @param endPress        a press at the end of the segment: {@code long} (next step), {@code short} or {@code none}
 * @param restSeconds     unloaded pause after the segment (moving to the next muscle)
 * @param returnMode      what the person does in the half of each oscillation where the position falls
 * @param dragFraction    with {@link ReturnMode#DRAG}: force on the way back, as a fraction of body weight
 * @param restartAtSeconds when, into the segment, the roller reboots (-1: never); the person rolls on regardless
 */
public record Segment(String step, double durationSeconds, double strokeMm, double cadencePerMinute,
                      double loadFraction, double driftMm, double liftEverySeconds, double liftSeconds,
                      double holdAtSeconds, double holdSeconds, List<Press> presses, String endPress,
                      double restSeconds, ReturnMode returnMode, double dragFraction, double restartAtSeconds) {

    /** The half of each oscillation where the position falls: how the person brings the roller back. */
    public enum ReturnMode {
        /** Rolls back under the same load: the usual technique. */
        ROLL,
        /** Lifts the leg and brings it back in the air: the roller does not turn, pushes go one way only. */
        LIFT,
        /** Rolls back barely loaded, at {@code dragFraction} of body weight. */
        DRAG
    }

    /** A button press {@code atSeconds} into the segment; {@code kind} is {@code short} or {@code long}. */
    public record Press(double atSeconds, String kind) {
    }

    public Segment {
        presses = presses == null ? List.of() : List.copyOf(presses);
        endPress = endPress == null ? "none" : endPress;
        returnMode = returnMode == null ? ReturnMode.ROLL : returnMode;
    }
}
