package io.rollcoach.gateway.command;

import java.util.concurrent.CompletableFuture;

/**
 * Whatever carries out commands for one roller, usually its engine. {@link #submit} never blocks: the command
 * is queued for the roller's thread, which completes the future.
 */
public interface CommandTarget {
    CompletableFuture<CommandResult> submit(Command command);
}
