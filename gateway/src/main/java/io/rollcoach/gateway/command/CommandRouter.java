package io.rollcoach.gateway.command;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds the roller a command is for, by the name its topics use (16 hex digits, or its configured name), and
 * hands the command to it. Used by every command source (MQTT, the display); thread-safe.
 */
public final class CommandRouter {
    private record Route(Supplier<String> name, CommandTarget target) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** {@code name} is asked at each lookup: a roller's name changes when its HELLO gives its id. */
    public void register(Supplier<String> name, CommandTarget target) {
        routes.add(new Route(name, target));
    }

    public CompletableFuture<CommandResult> submit(String roller, Command command) {
        for (Route route : routes) {
            if (route.name().get().equals(roller)) {
                return route.target().submit(command);
            }
        }
        return CompletableFuture.completedFuture(CommandResult.error("no roller '" + roller + "' on this gateway; "
            + (routes.isEmpty() ? "none is connected" : "known: " + String.join(", ", rollers()))));
    }

    public List<String> rollers() {
        return routes.stream().map(r -> r.name().get()).collect(Collectors.toList());
    }
}
