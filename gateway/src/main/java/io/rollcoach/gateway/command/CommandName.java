package io.rollcoach.gateway.command;

/** The commands a roller accepts; {@link #path()} is the topic suffix under {@code <base>/<id>/cmd/}. */
public enum CommandName {
    STEP_NEXT("step/next"),
    STEP_PREVIOUS("step/previous"),
    SESSION_START("session/start"),
    SESSION_END("session/end"),
    MARK("mark"),
    CUE("cue"),
    CONFIG("config"),
    PERSON("person");

    private final String path;

    CommandName(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The command at this path, or null. */
    public static CommandName fromPath(String path) {
        for (CommandName name : values()) {
            if (name.path.equals(path)) {
                return name;
            }
        }
        return null;
    }
}
