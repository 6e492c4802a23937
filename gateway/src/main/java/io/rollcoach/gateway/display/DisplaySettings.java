package io.rollcoach.gateway.display;

import java.util.Objects;

/**
 * How the display listens. Checked when built; see docs/display.md.
 *
 * @param bindAddress the address to listen on; {@code 0.0.0.0} for every interface
 * @param port        the TCP port; 0 takes any free port
 * @param pin         when set, commands need it in the {@code X-RollCoach-Pin} header; null lets anyone who can
 *                    reach the page use the controls
 * @param speech      whether pages speak coaching cues by default (each device can switch it)
 */
public record DisplaySettings(String bindAddress, int port, String pin, boolean speech) {
    public DisplaySettings {
        Objects.requireNonNull(bindAddress, "display.bindAddress must be set");
        if (bindAddress.isBlank() || !bindAddress.matches("[0-9A-Za-z.:\\-\\[\\]%]+")) {
            throw new IllegalArgumentException("display.bindAddress must be a host name or IP address, was '"
                + bindAddress + "'");
        }
        checkPort("display.port", port);
        if (pin != null && !pin.matches("[\\x21-\\x7E]{4,32}")) {
            throw new IllegalArgumentException("display.pin must be 4 to 32 visible characters without spaces, or "
                + "unset, was " + (pin.isEmpty() ? "empty" : pin.length() + " characters"));
        }
    }

    /**
     * The display's port rule, once: the config file, {@code --http-port} and this record use it.
     *
     * @throws IllegalArgumentException naming {@code key} when {@code port} is out of range
     */
    public static void checkPort(String key, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + " must be from 0 to 65535 (0: any free port), was " + port);
        }
    }

    /** Every interface, port 8080, no PIN, speech on. */
    public static DisplaySettings defaults() {
        return new DisplaySettings("0.0.0.0", 8080, null, true);
    }

    public boolean isPinRequired() {
        return pin != null;
    }
}
