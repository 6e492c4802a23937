package io.rollcoach.protocol.feedback;

/** What a feedback event is about; its JSON name is {@link #jsonName()}. */
public enum Rule implements JsonName.Named {
    CONTACT,
    STROKE,
    COVERAGE,
    TRIGGER_POINT,
    TISSUE,
    LOAD,
    CADENCE,
    HOLD,
    STEP,
    SESSION,
    DATA;

    private final JsonName json = JsonName.of(this);

    /** Its name in JSON: the constant's in lower case with hyphens. */
    @Override
    public String jsonName() {
        return json.text();
    }

    byte[] ascii() {
        return json.ascii();
    }

    /** The rule with this JSON name, or null. */
    public static Rule fromJsonName(String name) {
        return JsonName.find(values(), name);
    }
}
