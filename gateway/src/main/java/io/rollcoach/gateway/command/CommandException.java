package io.rollcoach.gateway.command;

/** A command that could not be accepted; the message says what was wrong, for the person who sent it. */
public final class CommandException extends Exception {
    public CommandException(String message) {
        super(message);
    }
}
