package io.rollcoach.protocol.feedback;

import java.nio.charset.StandardCharsets;

/** What was judged; each rule uses a few of these (see docs/rules.md). */
public enum Verdict {
    ON("on"),
    OFF("off"),
    OK("ok"),
    TOO_SHORT("too-short"),
    TOO_LONG("too-long"),
    TOO_WIDE("too-wide"),
    STARTED("started"),
    DONE("done"),
    LEFT_EARLY("left-early"),
    TOO_LIGHT("too-light"),
    TOO_HEAVY("too-heavy"),
    TOO_FAST("too-fast"),
    TOO_SLOW("too-slow"),
    STILL("still"),
    SKIPPED("skipped"),
    OUT_OF_ORDER("out-of-order"),
    DAILY_LIMIT("daily-limit"),
    FRAMES_LOST("frames-lost"),
    FRAMES_CORRUPT("frames-corrupt"),
    LINK_LOST("link-lost"),
    LINK_RESTORED("link-restored");

    private final String jsonName;
    private final byte[] ascii;

    Verdict(String jsonName) {
        this.jsonName = jsonName;
        this.ascii = jsonName.getBytes(StandardCharsets.US_ASCII);
    }

    public String jsonName() {
        return jsonName;
    }

    byte[] ascii() {
        return ascii;
    }

    /** The verdict with this JSON name, or null. */
    public static Verdict fromJsonName(String name) {
        for (Verdict verdict : values()) {
            if (verdict.jsonName.equals(name)) {
                return verdict;
            }
        }
        return null;
    }
}
