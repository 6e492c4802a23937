package io.rollcoach.gateway.history;

/** The history database cannot be used; the message names the file and what to do. */
public final class HistoryException extends RuntimeException {
    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
