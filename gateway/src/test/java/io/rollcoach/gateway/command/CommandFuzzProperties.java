package io.rollcoach.gateway.command;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any path and payload, including mutations of valid commands: only CommandException, with a message, escapes. */
class CommandFuzzProperties {
    private static final String[] VALID = {"{}", "{\"person\":\"ana\"}", "{\"pattern\":\"good\",\"durationMs\":300}",
        "{\"stroke.maxMm\":60}", "{\"name\":\"ana\",\"bodyWeightKg\":62,\"units\":\"cm\"}", ""};
    private static final String[] PATHS = {"step/next", "step/previous", "session/start", "session/end", "mark", "cue",
        "config", "person", "", "step", "step/next/", "cmd/result", "\u0000", "config/../config"};

    private static final String NASTY = "{}[]\":,\\ -1e400 NaN null true 9999999999999999999 \u00e9\ud800";

    private final CommandParser parser = new CommandParser();

    /** One nasty character inserted at a place (taken modulo the text's length). */
    record Insertion(int place, int nasty) {
    }

    @Provide
    Arbitrary<String> payloads() {
        Arbitrary<Insertion> insertion = Combinators.combine(Arbitraries.integers().between(0, 1000),
            Arbitraries.integers().between(0, NASTY.length() - 1)).as(Insertion::new);
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.of(VALID),
            insertion.list().ofMinSize(1).ofMaxSize(6)).as((valid, insertions) -> {
                StringBuilder text = new StringBuilder(valid);
                for (Insertion each : insertions) {
                    int at = text.length() == 0 ? 0 : each.place() % text.length();
                    text.insert(at, NASTY.charAt(each.nasty()));
                }
                return text.toString();
            });
        return Arbitraries.oneOf(mutated, Arbitraries.strings().ofMaxLength(200), Arbitraries.strings().ofLength(5000));
    }

    @Property(tries = 3000)
    void onlyCommandExceptionsEscape(@ForAll("payloads") String payload, @ForAll("paths") String path) {
        try {
            Command command = parser.parse(path, payload.getBytes(StandardCharsets.UTF_8));
            if (command == null) {
                throw new AssertionError("null command for " + path);
            }
        } catch (CommandException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("an error without words for " + path + " " + payload);
            }
        }
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.oneOf(Arbitraries.of(PATHS), Arbitraries.strings().ofMaxLength(40));
    }
}
