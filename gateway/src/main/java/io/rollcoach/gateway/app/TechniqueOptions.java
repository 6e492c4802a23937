package io.rollcoach.gateway.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.TechniqueConfig;
import picocli.CommandLine.Option;

/** The thresholds and routine options that every command judging rolling takes (analyze, replay, run, demo). */
final class TechniqueOptions {
    @Option(names = "--radius-mm", paramLabel = "MM",
        description = "Roller radius when the roller sends no HELLO (default 75, a 6 in roller).")
    Double radiusMm;

    @Option(names = "--body-weight-kg", paramLabel = "KG",
        description = "The person's body weight: load is then judged as a share of it.")
    Double bodyWeightKg;

    @Option(names = "--units", paramLabel = "in|cm", description = "Units in messages: in (default) or cm.")
    String units;

    @Option(names = "--routine", paramLabel = "FILE",
        description = "Routine file (YAML) instead of the guide's; see docs/rules.md.")
    Path routine;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "Any threshold, e.g. --set stroke.maxMm=60 (repeatable; keys in docs/rules.md).")
    Map<String, String> settings = new LinkedHashMap<>();

    /** Applies these options over {@code base}; IllegalArgumentException names what was wrong. */
    TechniqueConfig config(TechniqueConfig base) {
        TechniqueConfig config = base;
        if (radiusMm != null) {
            config = config.with("roller.radiusMm", radiusMm);
        }
        if (bodyWeightKg != null) {
            config = config.with("person.bodyWeightKg", bodyWeightKg);
        }
        if (units != null) {
            config = config.with("person.units", units);
        }
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String value = setting.getValue().trim();
            Object parsed = value.equals("true") || value.equals("false") ? (Object) Boolean.valueOf(value) : value;
            config = config.with(setting.getKey(), parsed);
        }
        return config;
    }

    Routine routine(Routine base) {
        return routine == null ? base : Routine.load(routine);
    }
}
