package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/** Frames lost or corrupt on the way from the roller: counted as they come, said at most every repeat interval. */
final class DataQuality {
    private final Judging judging;
    private long lostSeen;
    private long rejectedSeen;
    private long lostUnsaid;
    private long rejectedUnsaid;
    private double lostSaidAt = Double.NEGATIVE_INFINITY;
    private double rejectedSaidAt = Double.NEGATIVE_INFINITY;

    DataQuality(Judging judging) {
        this.judging = judging;
    }

    void onTotals(long framesLostTotal, long framesRejectedTotal) {
        // Totals restart when the input does; count only growth.
        if (framesLostTotal > lostSeen) {
            lostUnsaid += framesLostTotal - lostSeen;
        }
        if (framesRejectedTotal > rejectedSeen) {
            rejectedUnsaid += framesRejectedTotal - rejectedSeen;
        }
        lostSeen = framesLostTotal;
        rejectedSeen = framesRejectedTotal;
    }

    void say(double t, double now) {
        double repeat = judging.config.repeatSeconds();
        if (lostUnsaid > 0 && now - lostSaidAt >= repeat) {
            lostSaidAt = now;
            FeedbackEvent e = judging.begin(Rule.DATA, Verdict.FRAMES_LOST, Severity.WARN, t);
            e.value = lostUnsaid;
            e.unit = "frames";
            e.message.append(lostUnsaid).append(lostUnsaid == 1 ? " frame" : " frames")
                .append(" lost on the way from the roller.");
            e.speech.append("Some data from the roller was lost.");
            judging.out.send();
            lostUnsaid = 0;
        }
        if (rejectedUnsaid > 0 && now - rejectedSaidAt >= repeat) {
            rejectedSaidAt = now;
            FeedbackEvent e = judging.begin(Rule.DATA, Verdict.FRAMES_CORRUPT, Severity.WARN, t);
            e.value = rejectedUnsaid;
            e.unit = "frames";
            e.message.append(rejectedUnsaid).append(rejectedUnsaid == 1 ? " corrupt frame" : " corrupt frames")
                .append(" from the roller; check the cable.");
            e.speech.append("Garbled data from the roller. Check the cable.");
            judging.out.send();
            rejectedUnsaid = 0;
        }
    }
}
