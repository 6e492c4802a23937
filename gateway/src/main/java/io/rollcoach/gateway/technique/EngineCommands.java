package io.rollcoach.gateway.technique;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    CommandResult execute(Command command, double t) {
        Map<String, Object> args = command.arguments();
        switch (command.name()) {
            case STEP_NEXT:
                if (!progress.active) {
                    return CommandResult.error("no session is running: start one with session/start or by rolling");
                }
                engine.nextStep(t);
                return CommandResult.ok(progress.active ? "now: " + progress.current().title() : "session done");
            case STEP_PREVIOUS:
                if (!progress.active) {
                    return CommandResult.error("no session is running");
                }
                if (progress.step == 0) {
                    return CommandResult.error("already at the first step, " + progress.current().title());
                }
                progress.previous(t);
                return CommandResult.ok("back to: " + progress.current().title());
            case SESSION_START:
                if (progress.active) {
                    return CommandResult.error("a session is already running (" + progress.current().title()
                        + "); end it first with session/end");
                }
                if (args.containsKey("person")) {
                    engine.selectPerson((String) args.get("person"));
                }
                engine.startSession();
                return CommandResult.ok("session started for " + engine.person() + ": " + progress.current().title());
            case SESSION_END:
                if (!progress.active) {
                    return CommandResult.error("no session is running");
                }
                engine.endSession(t);
                return CommandResult.ok("session ended");
            case MARK:
                boolean loaded = engine.mark(t);
                return CommandResult.ok(loaded ? "point marked" : "point marked where the roller next lands");
            case CUE:
                int pattern = ((Number) args.get("pattern")).intValue();
                int duration = ((Number) args.get("durationMs")).intValue();
                return link.cue(pattern, duration) ? CommandResult.ok("cue sent")
                    : CommandResult.error("the roller is not connected; cue not sent");
            case CONFIG:
                return configure(args);
            case PERSON:
                return person(args);
            default:
                return CommandResult.error("unsupported command " + command.name().path());
        }
    }

    private CommandResult person(Map<String, Object> args) {
        TechniqueConfig next = engine.config();
        try {
            if (args.containsKey("bodyWeightKg")) {
                next = next.with("person.bodyWeightKg", args.get("bodyWeightKg"));
            }
            if (args.containsKey("units")) {
                next = next.with("person.units", args.get("units"));
            }
        } catch (IllegalArgumentException e) {
            return CommandResult.error(e.getMessage());
        }
        engine.selectPerson((String) args.get("name"));
        engine.apply(next);
        TechniqueConfig config = engine.config();
        return CommandResult.ok("person " + engine.person() + (config.bodyWeightKg() > 0
            ? ", " + TechniqueConfig.fmt(config.bodyWeightKg()) + " kg" : "") + ", units " + config.units());
    }

    private CommandResult configure(Map<String, Object> args) {
        if (args.isEmpty()) {
            return CommandResult.error("config needs at least one threshold, e.g. {\"stroke.maxMm\": 60}; known: "
                + String.join(", ", TechniqueConfig.keys().keySet()));
        }
        TechniqueConfig next = engine.config();
        List<String> changed = new ArrayList<>();
        try {
            for (Map.Entry<String, Object> entry : new TreeMap<>(args).entrySet()) {
                next = next.with(entry.getKey(), entry.getValue());
                Object value = TechniqueConfig.keys().get(entry.getKey()).apply(next);
                changed.add(entry.getKey() + "=" + (value instanceof Double ? TechniqueConfig.fmt((Double) value) : value));
            }
        } catch (IllegalArgumentException e) {
            return CommandResult.error(e.getMessage() + " (nothing changed)");
        }
        engine.apply(next);
        return CommandResult.ok("set " + String.join(", ", changed));
    }
}
