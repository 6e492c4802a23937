package io.rollcoach.gateway.technique;

import java.util.Arrays;
import java.util.List;

import io.rollcoach.protocol.feedback.JsonWriter;

/**
 * How a session went: per rule, the share of loaded time the rule was met; the time credited (loaded and no fault);
 * a score from 0 to 100; at the end, what went well, the one thing to work on next time and the person's last
 * sessions. The score: 60% the share of loaded time credited, 40% how much of the routine's work was credited
 * (each step's credited time against its target, or repetitions against the minimum); docs/rules.md, "The score".
 */
final class SessionScore {
    static final String[] KEYS = {"stroke", "coverage", "load", "cadence", "hold", "oneWay"};
    /** A rule met for at least this share of the time "went well"; one under it is the next thing to work on. */
    static final double WELL = 0.8;
    static final int PREVIOUS = 3;

    private final JudgedRule[] rules;
    private final double[] within = new double[KEYS.length];
    double loadedSeconds;
    double creditedSeconds;

    private int finalScore = -1;
    private final StringBuilder wentWell = new StringBuilder(160);
    private final StringBuilder nextTime = new StringBuilder(160);
    private final StringBuilder nextTimeSpoken = new StringBuilder(160);
    private final StringBuilder wentWellSpoken = new StringBuilder(160);
    private String nextTimeRule;
    private List<SessionLedger.PastSession> previous = List.of();

    /** @param rules in the order of {@link #KEYS} */
    SessionScore(JudgedRule... rules) {
        this.rules = rules;
    }

    void start() {
        Arrays.fill(within, 0);
        loadedSeconds = 0;
        creditedSeconds = 0;
        finalScore = -1;
        wentWell.setLength(0);
        nextTime.setLength(0);
        wentWellSpoken.setLength(0);
        nextTimeSpoken.setLength(0);
        nextTimeRule = null;
        previous = List.of();
    }

    /** Each loaded sample: which rules were met for this much time. */
    void loaded(double seconds) {
        loadedSeconds += seconds;
        for (int i = 0; i < rules.length; i++) {
            if (!rules[i].failing()) {
                within[i] += seconds;
            }
        }
    }

    void credited(double seconds) {
        creditedSeconds += seconds;
    }

    double share(int rule) {
        return loadedSeconds == 0 ? Double.NaN : within[rule] / loadedSeconds;
    }

    /** The score so far, or -1 before any loaded time. */
    int score(RoutineProgress progress) {
        if (finalScore >= 0) {
            return finalScore;
        }
        if (loadedSeconds == 0) {
            return -1;
        }
        double quality = Math.min(1, creditedSeconds / loadedSeconds);
        return (int) Math.round(100 * (0.6 * quality + 0.4 * completion(progress)));
    }

    private static double completion(RoutineProgress progress) {
        List<RoutineStep> steps = progress.routine().steps();
        double sum = 0;
        for (int i = 0; i < steps.size(); i++) {
            RoutineStep s = steps.get(i);
            sum += s.isHandsOn() ? Math.min(1, progress.stepRepetitions[i] / (double) Math.max(1, s.minRepetitions()))
                : Math.min(1, progress.stepSeconds[i] / s.targetSeconds());
        }
        return steps.isEmpty() ? 0 : sum / steps.size();
    }

    /** At the session's end: fixes the score and writes what went well and what to work on. Not per sample. */
    void end(RoutineProgress progress, boolean inches, List<SessionLedger.PastSession> earlier) {
        finalScore = Math.max(0, score(progress));
        previous = earlier;
        int best = -1;
        int worst = -1;
        for (int i = 0; i < KEYS.length; i++) {
            double share = share(i);
            if (Double.isNaN(share)) {
                continue;
            }
            if (share >= WELL && (best < 0 || share > share(best))) {
                best = i;
            }
            if (share < WELL && (worst < 0 || share < share(worst))) {
                worst = i;
            }
        }
        int done = 0;
        for (boolean d : progress.stepDone) {
            done += d ? 1 : 0;
        }
        if (best >= 0) {
            phraseWell(best, inches);
            Text.beyond(wentWell.append(", "), 100 * share(best), false, 0).append("% of the time.");
            wentWellSpoken.append('.');
        } else if (done > 0) {
            wentWell.append(done).append(done == 1 ? " step done." : " steps done.");
            Words.number(wentWellSpoken, done).append(done == 1 ? " step done." : " steps done.");
        } else {
            wentWell.append("you showed up, the first step.");
            wentWellSpoken.append("you showed up, and that is the first step.");
        }
        if (worst >= 0) {
            nextTimeRule = KEYS[worst];
            phraseNext(worst, inches);
            Text.beyond(nextTime.append(" (met "), 100 * share(worst), false, 0).append("% of the time).");
            nextTimeSpoken.append('.');
        } else if (done < progress.stepDone.length) {
            nextTimeRule = "step";
            nextTime.append("finish every step (").append(done).append(" of ").append(progress.stepDone.length)
                .append(" done).");
            nextTimeSpoken.append("finish every step.");
        } else {
            nextTime.append("keep it up, nothing to change.");
            nextTimeSpoken.append("keep it up.");
        }
    }

    private void phraseWell(int rule, boolean inches) {
        String[] texts = {inches ? "strokes of 1-2 in" : "strokes of 2.5-5 cm",
            inches ? "staying on about 3 in of tissue" : "staying on about 7.5 cm of tissue",
            "pressure in the band", "a steady pace", "rolling, not holding", "rolling both ways"};
        wentWell.append(texts[rule]);
        wentWellSpoken.append(texts[rule].replace("1-2 in", "one to two inches").replace("3 in", "three inches")
            .replace("2.5-5 cm", "two and a half to five centimetres")
            .replace("7.5 cm", "seven and a half centimetres"));
    }

    private void phraseNext(int rule, boolean inches) {
        String[] texts = {inches ? "keep strokes to 1-2 in" : "keep strokes to 2.5-5 cm",
            inches ? "stay on one spot, about 3 in" : "stay on one spot, about 7.5 cm",
            "keep the pressure in the band", "keep a steady pace", "keep rolling; don't just hold",
            "roll both ways, leg on the roller"};
        nextTime.append(texts[rule]);
        nextTimeSpoken.append(texts[rule].replace("1-2 in", "one to two inches")
            .replace("about 3 in", "about three inches")
            .replace("2.5-5 cm", "two and a half to five centimetres")
            .replace("7.5 cm", "seven and a half centimetres"));
    }

    /** "Score 82 of 100. Went well: ... Next time: ... Last sessions: 74, 79." and its spoken form. */
    void describeEnd(StringBuilder message, StringBuilder speech) {
        if (finalScore < 0) {
            message.append("Session over.");
            speech.append("Session over.");
            return;
        }
        message.append("Score ").append(finalScore).append(" of 100. Went well: ").append(wentWell)
            .append(" Next time: ").append(nextTime);
        Words.number(speech.append("Score "), finalScore).append(". Went well: ").append(wentWellSpoken)
            .append(" Next time: ").append(nextTimeSpoken);
        if (!previous.isEmpty()) {
            message.append(" Last sessions: ");
            for (int i = 0; i < previous.size(); i++) {
                message.append(i == 0 ? "" : ", ").append(previous.get(i).score());
            }
            message.append('.');
            int last = previous.get(0).score();
            speech.append(finalScore > last ? " Better than last time." : finalScore == last ? " The same as last time."
                : " Last time was better.");
        }
    }

    /** The session summary's fields (score, withinGuide, and at the end the review). */
    void write(JsonWriter json, RoutineProgress progress) {
        int s = score(progress);
        json.name("score").number(s < 0 ? Double.NaN : s, 0);
        json.name("creditedSeconds").number(creditedSeconds, 1);
        json.name("withinGuide").beginObject();
        for (int i = 0; i < KEYS.length; i++) {
            json.name(KEYS[i]).number(share(i), 2);
        }
        json.endObject();
        if (finalScore >= 0) {
            json.name("wentWell").string(wentWell);
            json.name("nextTime").string(nextTime);
            json.name("nextTimeRule").string(nextTimeRule);
            json.name("previous").beginArray();
            for (SessionLedger.PastSession p : previous) {
                json.item().beginObject();
                json.name("startedAtMs").number(p.startedAtMs());
                json.name("seconds").number(p.seconds(), 1);
                json.name("score").number(p.score());
                json.endObject();
            }
            json.endArray();
        }
    }

    int finalScore() {
        return finalScore;
    }
}
