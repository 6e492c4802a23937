package io.rollcoach.gateway.technique;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rollcoach.gateway.command.Command;
import io.rollcoach.gateway.command.CommandResult;

/** Carries out commands (MQTT, display buttons, tests) on the roller's thread, between samples. */
final class EngineCommands {
    private final TechniqueEngine engine;
    private final RoutineProgress progress;
    private final RollerLink link;

    EngineCommands(TechniqueEngine engine, RoutineProgress progress, RollerLink link) {
        this.engine = engine;
        this.progress = progress;
        this.link = link;
    }

    /**
     * One branch per {@link Command} record. Java 17 has no pattern-matching switch outside preview, so it is a
     * chain of type patterns; EngineCommandsTest runs every permitted record through it.
     */
    CommandResult execute(Command command, double t) {
        if (command instanceof Command.NextStep) {
            if (!progress.active) {
                return CommandResult.error("no session is running: start one with session/start or by rolling");
            }
            engine.nextStep(t);
            return CommandResult.ok(progress.active ? "now: " + progress.current().title() : "session done");
        } else if (command instanceof Command.PreviousStep) {
            if (!progress.active) {
                return CommandResult.error("no session is running");
            }
            if (progress.step == 0) {
                return CommandResult.error("already at the first step, " + progress.current().title());
            }
            progress.previous(t);
            return CommandResult.ok("back to: " + progress.current().title());
        } else if (command instanceof Command.StartSession start) {
            if (progress.active) {
                return CommandResult.error("a session is already running (" + progress.current().title()
                    + "); end it first with session/end");
            }
            if (start.person() != null) {
                engine.selectPerson(start.person());
            }
            engine.startSession();
            return CommandResult.ok("session started for " + engine.person() + ": " + progress.current().title());
        } else if (command instanceof Command.EndSession) {
            if (!progress.active) {
                return CommandResult.error("no session is running");
            }
            engine.endSession(t);
            return CommandResult.ok("session ended");
        } else if (command instanceof Command.Mark) {
            boolean loaded = engine.mark(t);
            return CommandResult.ok(loaded ? "point marked" : "point marked where the roller next lands");
        } else if (command instanceof Command.Cue cue) {
            return link.cue(cue.pattern(), cue.durationMs()) ? CommandResult.ok("cue sent")
                : CommandResult.error("the roller is not connected; cue not sent");
        } else if (command instanceof Command.Configure configure) {
            return configure(configure);
        } else if (command instanceof Command.SetPerson person) {
            return person(person);
        }
        throw new IllegalStateException("no branch for " + command);
    }

    private CommandResult person(Command.SetPerson person) {
        TechniqueConfig next = engine.config();
        try {
            if (person.bodyWeightKg() != null) {
                next = next.with("person.bodyWeightKg", person.bodyWeightKg());
            }
            if (person.units() != null) {
                next = next.with("person.units", person.units());
            }
        } catch (IllegalArgumentException e) {
            return CommandResult.error(e.getMessage());
        }
        engine.selectPerson(person.name());
        engine.apply(next);
        TechniqueConfig config = engine.config();
        return CommandResult.ok("person " + engine.person() + (config.bodyWeightKg() > 0
            ? ", " + TechniqueConfig.fmt(config.bodyWeightKg()) + " kg" : "") + ", units " + config.units());
    }

    /** The thresholds are checked here, not at the edge: whether a value fits depends on the others set now. */
    private CommandResult configure(Command.Configure configure) {
        TechniqueConfig next = engine.config();
        List<String> changed = new ArrayList<>();
        try {
            for (Map.Entry<String, Object> entry : configure.thresholds().entrySet()) {
                next = next.with(entry.getKey(), entry.getValue());
                Object value = TechniqueConfig.keys().get(entry.getKey()).apply(next);
                changed.add(entry.getKey() + "="
                    + (value instanceof Double ? TechniqueConfig.fmt((Double) value) : value));
            }
        } catch (IllegalArgumentException e) {
            return CommandResult.error(e.getMessage() + " (nothing changed)");
        }
        engine.apply(next);
        return CommandResult.ok("set " + String.join(", ", changed));
    }
}
