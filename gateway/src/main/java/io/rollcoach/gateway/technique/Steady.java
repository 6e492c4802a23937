package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.Verdict;

/**
 * One rule's verdict made steady: a fault is said only once it has held for a few strokes (or seconds, for rules
 * judged continuously), repeated at most every {@code feedback.repeatS} while it lasts, and called mended only once
 * the rule has been met for a few strokes and seconds in a row. So one odd stroke changes nothing, and no verdict
 * is said and unsaid within seconds. Also keeps the latest raw judgement, which decides whether time is credited.
 */
final class Steady {
    static final int NOTHING = 0;
    static final int SAY = 1;
    static final int REPEAT = 2;
    static final int MENDED = 3;

    private int faultStrokes;
    private double faultSeconds;
    private int mendStrokes;
    private double mendSeconds;
    private double repeatSeconds;

    private Verdict raw;
    private Verdict active;
    private double activeSince;
    private double lastSaid;
    private Verdict candidate;
    private int candidateCount;
    private double candidateSince;
    private int goodCount;
    private double goodSince = Double.NaN;

    Steady(TechniqueConfig config) {
        configure(config);
    }

    void configure(TechniqueConfig config) {
        faultStrokes = config.steadyFaultStrokes();
        faultSeconds = config.steadyFaultSeconds();
        mendStrokes = config.steadyMendStrokes();
        mendSeconds = config.steadyMendSeconds();
        repeatSeconds = config.repeatSeconds();
    }

    /** A judgement made once per stroke (or reversal): {@code verdict} null means the rule was met. */
    int judgeStroke(Verdict verdict, double now) {
        raw = verdict;
        if (verdict != null) {
            goodCount = 0;
            if (verdict == active) {
                return repeatDue(now);
            }
            if (verdict == candidate) {
                candidateCount++;
            } else {
                candidate = verdict;
                candidateCount = 1;
            }
            return candidateCount >= faultStrokes ? declare(verdict, now) : NOTHING;
        }
        candidate = null;
        candidateCount = 0;
        if (active == null) {
            return NOTHING;
        }
        if (goodCount++ == 0) {
            goodSince = now;
        }
        return goodCount >= mendStrokes && now - goodSince >= mendSeconds ? mend() : NOTHING;
    }

    /** A judgement made at every sample (load): faults and mends are timed instead of counted. */
    int judgeTime(Verdict verdict, double now) {
        raw = verdict;
        if (verdict != null) {
            goodSince = Double.NaN;
            if (verdict == active) {
                return repeatDue(now);
            }
            if (verdict != candidate) {
                candidate = verdict;
                candidateSince = now;
            }
            return now - candidateSince >= faultSeconds ? declare(verdict, now) : NOTHING;
        }
        candidate = null;
        if (active == null) {
            return NOTHING;
        }
        if (Double.isNaN(goodSince)) {
            goodSince = now;
        }
        return now - goodSince >= mendSeconds ? mend() : NOTHING;
    }

    private int repeatDue(double now) {
        if (now - lastSaid >= repeatSeconds) {
            lastSaid = now;
            return REPEAT;
        }
        return NOTHING;
    }

    private int declare(Verdict verdict, double now) {
        active = verdict;
        activeSince = now;
        lastSaid = now;
        candidate = null;
        candidateCount = 0;
        return SAY;
    }

    private int mend() {
        active = null;
        goodCount = 0;
        goodSince = Double.NaN;
        return MENDED;
    }

    /** Forgets everything without a word: contact ended, a new session. */
    void clear() {
        raw = null;
        active = null;
        candidate = null;
        candidateCount = 0;
        goodCount = 0;
        goodSince = Double.NaN;
    }

    /** The latest judgement failed: time is not credited while this holds. */
    boolean failing() {
        return raw != null;
    }

    /** The fault said and not yet mended, or null. */
    Verdict active() {
        return active;
    }

    /** When the active fault was first said (roller seconds). */
    double activeSince() {
        return activeSince;
    }
}
