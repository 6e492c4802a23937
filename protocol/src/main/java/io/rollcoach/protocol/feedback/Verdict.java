package io.rollcoach.protocol.feedback;

/** What was judged; each rule uses a few of these (see docs/rules.md). */
public enum Verdict implements JsonName.Named {
    ON,
    OFF,
    OK,
    TOO_SHORT,
    TOO_LONG,
    TOO_WIDE,
    STARTED,
    DONE,
    LEFT_EARLY,
    TOO_LIGHT,
    TOO_HEAVY,
    TOO_FAST,
    TOO_SLOW,
    STILL,
    SKIPPED,
    OUT_OF_ORDER,
    DAILY_LIMIT,
    FRAMES_LOST,
    FRAMES_CORRUPT,
    LINK_LOST,
    LINK_RESTORED,
    /** Stroke: pushed one way and lifted (or dragged) back; a habit, not an oscillation. */
    ONE_WAY,
    /** Session: how it went, at its end (score, what went well, what to work on next). */
    SUMMARY;

    private final JsonName json = JsonName.of(this);

    /** Its name in JSON: the constant's in lower case with hyphens. */
    @Override
    public String jsonName() {
        return json.text();
    }

    byte[] ascii() {
        return json.ascii();
    }

    /** The verdict with this JSON name, or null. */
    public static Verdict fromJsonName(String name) {
        return JsonName.find(values(), name);
    }
}
