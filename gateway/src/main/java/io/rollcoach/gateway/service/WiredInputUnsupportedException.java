package io.rollcoach.gateway.service;

import java.io.IOException;

/**
 * A wired (GPIO/I2C) input cannot run on this Pi or OS at all: Pi4J's native libraries did not load. Retrying cannot
 * mend it, so the gateway stops with a message that names the requirement (docs/install.md).
 */
public final class WiredInputUnsupportedException extends IOException {
    /** What wired sensors need, said wherever they cannot start. */
    public static final String REQUIREMENT = "wired sensors need Raspberry Pi OS Bookworm (Debian 12, glibc 2.36) or "
        + "newer and an ARMv7 or newer Pi (Pi 2, 3, 4, 5, Zero 2 W; not a Pi 1, Zero or Zero W); a roller on USB or "
        + "the UART (inputs: - serial:) works on any of them";

    public WiredInputUnsupportedException(String input, Throwable cause) {
        super("GPIO input '" + input + "' cannot run here: " + REQUIREMENT + ". (Pi4J's native library did not load: "
            + firstLine(cause) + ")", cause);
    }

    static String firstLine(Throwable cause) {
        String text = String.valueOf(cause.getMessage());
        int newline = text.indexOf('\n');
        return cause.getClass().getSimpleName() + ": " + (newline < 0 ? text : text.substring(0, newline));
    }
}
