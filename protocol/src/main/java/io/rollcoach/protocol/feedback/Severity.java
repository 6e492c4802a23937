package io.rollcoach.protocol.feedback;

/** How a display colours an event: info (neutral), good (praise, done), warn (change something), error (data). */
public enum Severity implements JsonName.Named {
    INFO,
    GOOD,
    WARN,
    ERROR;

    private final JsonName json = JsonName.of(this);

    /** Its name in JSON: the constant's in lower case with hyphens. */
    @Override
    public String jsonName() {
        return json.text();
    }

    byte[] ascii() {
        return json.ascii();
    }
}
