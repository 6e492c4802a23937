package io.rollcoach.gateway.config;

/** A configuration that cannot be used; the message names the file, line, key and what is allowed. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
