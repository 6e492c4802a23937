package io.rollcoach.gateway.mqtt;

/** The topic tree, in one place: docs/mqtt.md lists the same. */
public final class Topics {
    private final String base;
    private final String gatewayId;

    public Topics(String base, String gatewayId) {
        this.base = base;
        this.gatewayId = gatewayId;
    }

    public String base() {
        return base;
    }

    /** {@code <base>/gateway/<gw>/status}: online (retained) or offline (the Last Will). */
    public String gatewayStatus() {
        return base + "/gateway/" + gatewayId + "/status";
    }

    /** {@code <base>/<id>/<suffix>}: status, info, telemetry, feedback, session, cmd/... */
    public String roller(String id, String suffix) {
        return base + "/" + id + "/" + suffix;
    }

    /** {@code <base>/gateway/<gw>/<suffix>}: status, health. */
    public String gateway(String suffix) {
        return base + "/gateway/" + gatewayId + "/" + suffix;
    }

    /**
     * What the gateway subscribes to for one roller's commands: only the rollers it serves, so that on a broker shared
     * by several gateways each command reaches the one gateway that can answer it.
     */
    public String commandFilter(String id) {
        return base + "/" + id + "/cmd/#";
    }

    /**
     * The roller id and command path of a command topic ({@code <base>/<id>/cmd/<path>}), or null when the topic is
     * not one.
     */
    public String[] parseCommand(String topic) {
        String prefix = base + "/";
        if (!topic.startsWith(prefix)) {
            return null;
        }
        String rest = topic.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || !rest.startsWith("cmd/", slash + 1)) {
            return null;
        }
        return new String[] {rest.substring(0, slash), rest.substring(slash + 5)};
    }

    /**
     * What a gateway id or a roller's name must be, since each is a topic level: the one definition.
     *
     * @throws IllegalArgumentException naming {@code key} when {@code value} cannot be a topic level
     */
    public static void checkLevel(String key, String value) {
        if (value == null || !value.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(key + " must be 1 to 64 letters, digits, '-' or '_' (it is a topic "
                + "level), was " + (value == null ? "nothing" : "'" + value + "'"));
        }
    }
}
