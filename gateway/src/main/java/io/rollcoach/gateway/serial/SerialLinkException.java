package io.rollcoach.gateway.serial;

import java.io.IOException;

/** The serial port could not be opened; the message names the port, what was checked and what to try. */
public final class SerialLinkException extends IOException {
    private final String port;

    public SerialLinkException(String port, String message) {
        super(message);
        this.port = port;
    }

    /** The port as configured. */
    public String port() {
        return port;
    }
}
