package io.rollcoach.gateway.command;

import java.util.Map;
import java.util.Objects;

/**
 * A checked command for one roller. {@code arguments} holds JSON scalars (String, Number, Boolean) as the
 * request gave them; the {@link CommandParser} has checked their names and ranges except for {@code config},
 * whose keys the engine checks against its own thresholds.
 */
public record Command(CommandName name, Map<String, Object> arguments) {
    public Command {
        Objects.requireNonNull(name, "name");
        arguments = Map.copyOf(arguments);
    }

    public static Command of(CommandName name) {
        return new Command(name, Map.of());
    }
}
