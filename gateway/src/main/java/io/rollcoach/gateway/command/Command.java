package io.rollcoach.gateway.command;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A checked command for one roller: one record per command, built only by the {@link CommandParser} (or a test) and
 * checked when built, so the engine takes each as it is. Immutable; any thread may hand one on.
 */
public sealed interface Command {
    /** Longest person name a command takes: it is shown on the display and stored with each session. */
    int MAX_PERSON_NAME = 64;

    /** What this command is on the wire: its path under {@code <base>/<id>/cmd/} and the display's API. */
    CommandName kind();

    /** {@code step/next}: leave the current step (it counts as skipped when short) and start the next. */
    record NextStep() implements Command {
        @Override
        public CommandName kind() {
            return CommandName.STEP_NEXT;
        }
    }

    /** {@code step/previous}: back to the step before. */
    record PreviousStep() implements Command {
        @Override
        public CommandName kind() {
            return CommandName.STEP_PREVIOUS;
        }
    }

    /** {@code session/start}, optionally for a person by name; {@code person} null: whoever is selected. */
    record StartSession(String person) implements Command {
        public StartSession {
            if (person != null) {
                personName("person", person);
            }
        }

        @Override
        public CommandName kind() {
            return CommandName.SESSION_START;
        }
    }

    /** {@code session/end}. */
    record EndSession() implements Command {
        @Override
        public CommandName kind() {
            return CommandName.SESSION_END;
        }
    }

    /** {@code mark}: a trigger point where the roller is (or next lands). */
    record Mark() implements Command {
        @Override
        public CommandName kind() {
            return CommandName.MARK;
        }
    }

    /**
     * {@code cue}: the roller buzzes a pattern.
     *
     * @param pattern    the firmware's pattern code, 1..4 ({@link #PATTERNS} by name)
     * @param durationMs 1..5000
     */
    record Cue(int pattern, int durationMs) implements Command {
        /** The patterns by the names a person sends, in the firmware's order (codes 1..4). */
        public static final List<String> PATTERNS = List.of("good", "adjust", "step-done", "session-done");
        public static final int MIN_DURATION_MS = 1;
        public static final int MAX_DURATION_MS = 5000;
        public static final int DEFAULT_DURATION_MS = 300;

        public Cue {
            if (pattern < 1 || pattern > PATTERNS.size()) {
                throw new IllegalArgumentException("\"pattern\" must be from 1 to " + PATTERNS.size() + ", was "
                    + pattern);
            }
            if (durationMs < MIN_DURATION_MS || durationMs > MAX_DURATION_MS) {
                throw new IllegalArgumentException("\"durationMs\" must be from " + MIN_DURATION_MS + " to "
                    + MAX_DURATION_MS + ", was " + durationMs);
            }
        }

        /** The code of a pattern's name, or 0 when there is no such name. */
        public static int code(String name) {
            return PATTERNS.indexOf(name) + 1;
        }

        @Override
        public CommandName kind() {
            return CommandName.CUE;
        }
    }

    /**
     * {@code config}: thresholds to change, by their keys in docs/rules.md, in key order. The values are JSON scalars
     * (Number, String or Boolean) as sent; whether the keys and values fit is the engine's to say, against the
     * thresholds it has at that moment (a minimum must stay under its maximum).
     */
    record Configure(SortedMap<String, Object> thresholds) implements Command {
        public Configure {
            if (thresholds.isEmpty()) {
                throw new IllegalArgumentException("config needs at least one key, e.g. {\"stroke.maxMm\": 55}");
            }
            thresholds = Collections.unmodifiableSortedMap(new TreeMap<>(thresholds));
        }

        public Configure(Map<String, ?> thresholds) {
            this(new TreeMap<>(thresholds));
        }

        @Override
        public CommandName kind() {
            return CommandName.CONFIG;
        }
    }

    /**
     * {@code person}: whose sessions these are from now on, with their body weight and units when given.
     *
     * @param bodyWeightKg null: as it was
     * @param units        {@code in} or {@code cm}; null: as it was
     */
    record SetPerson(String name, Double bodyWeightKg, String units) implements Command {
        /** What a person may weigh, kg: the one definition, also used by the config file and the engine. */
        public static final double MIN_BODY_WEIGHT_KG = 20;
        public static final double MAX_BODY_WEIGHT_KG = 300;
        /** The units messages can use: the one definition, also used by the config file and the engine. */
        public static final List<String> UNITS = List.of("in", "cm");

        public SetPerson {
            personName("name", name);
            if (bodyWeightKg != null && !(bodyWeightKg >= MIN_BODY_WEIGHT_KG && bodyWeightKg <= MAX_BODY_WEIGHT_KG)) {
                throw new IllegalArgumentException("\"bodyWeightKg\" must be from " + fmt(MIN_BODY_WEIGHT_KG) + " to "
                    + fmt(MAX_BODY_WEIGHT_KG) + ", was " + fmt(bodyWeightKg));
            }
            if (units != null && !UNITS.contains(units)) {
                throw new IllegalArgumentException("units must be \"in\" or \"cm\", was " + units);
            }
        }

        @Override
        public CommandName kind() {
            return CommandName.PERSON;
        }
    }

    private static void personName(String key, String name) {
        if (name.isBlank() || name.length() > MAX_PERSON_NAME) {
            throw new IllegalArgumentException("\"" + key + "\" must be text of 1 to " + MAX_PERSON_NAME
                + " characters");
        }
    }

    /** A number as a person wrote it: 60, not 60.0. */
    static String fmt(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
            : Double.toString(value);
    }
}
