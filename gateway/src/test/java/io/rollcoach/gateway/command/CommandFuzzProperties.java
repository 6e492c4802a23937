package io.rollcoach.gateway.command;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any path and payload, including mutations of valid commands: only CommandException, with a message, escapes. */
class CommandFuzzProperties {
    private static final String[] VALID = {"{}", "{\"person\":\"ana\"}", "{\"pattern\":\"good\",\"durationMs\":300}",
        "{\"stroke.maxMm\":60}", "{\"name\":\"ana\",\"bodyWeightKg\":62,\"units\":\"cm\"}", ""};
    private static final String[] PATHS = {"step/next", "step/previous", "session/start", "session/end", "mark", "cue",
        "config", "person", "", "step", "step/next/", "cmd/result", "\u0000", "config/../config"};

    private final CommandParser parser = new CommandParser();

    @Provide
    Arbitrary<String> payloads() {
        Arbitrary<String> mutated = Arbitraries.of(VALID).flatMap(valid -> Arbitraries.longs().map(seed -> {
            java.util.Random random = new java.util.Random(seed);
            StringBuilder text = new StringBuilder(valid);
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                String nasty = "{}[]\":,\\ -1e400 NaN null true 9999999999999999999 \u00e9\ud800";
                int at = text.length() == 0 ? 0 : random.nextInt(text.length());
                text.insert(at, nasty.charAt(random.nextInt(nasty.length())));
            }
            return text.toString();
        }));
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
