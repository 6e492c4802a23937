package io.rollcoach.gateway.command;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CommandParserTest {
    private final CommandParser parser = new CommandParser();

    private Command parse(String path, String payload) throws CommandException {
        return parser.parse(path, payload == null ? null : payload.getBytes(UTF_8));
    }

    private String error(String path, String payload) {
        return assertThrows(CommandException.class, () -> parse(path, payload)).getMessage();
    }

    @Test
    void aBinaryPayloadIsBadJsonNotAnEmptyOne() {
        String notUtf8 = assertThrows(CommandException.class,
            () -> parser.parse("config", new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01})).getMessage();
        assertTrue(notUtf8.startsWith("config: bad JSON: the payload is not UTF-8 text (4 bytes"), notUtf8);
        String controlBytes = assertThrows(CommandException.class,
            () -> parser.parse("config", new byte[] {0x00, 0x01, 0x02})).getMessage();
        assertTrue(controlBytes.startsWith("config: bad JSON at line 1"), controlBytes);
    }

    @Test
    void acceptsEachCommandWithoutPayload() throws Exception {
        assertEquals(Command.of(CommandName.STEP_NEXT), parse("step/next", null));
        assertEquals(Command.of(CommandName.STEP_PREVIOUS), parse("step/previous", ""));
        assertEquals(Command.of(CommandName.SESSION_END), parse("session/end", " "));
        assertEquals(Command.of(CommandName.MARK), parse("mark", "{}"));
        assertEquals(new Command(CommandName.SESSION_START, Map.of("person", "ana")),
            parse("session/start", "{\"person\":\"ana\"}"));
    }

    @Test
    void translatesCuePatternNamesAndDefaultsTheDuration() throws Exception {
        assertEquals(new Command(CommandName.CUE, Map.of("pattern", 3, "durationMs", 300)),
            parse("cue", "{\"pattern\":\"step-done\"}"));
        assertEquals(new Command(CommandName.CUE, Map.of("pattern", 2, "durationMs", 1000)),
            parse("cue", "{\"pattern\":2,\"durationMs\":1000}"));
    }

    @Test
    void saysWhatWasWrongInWords() {
        assertEquals("unknown command 'step/sideways'; known: step/next, step/previous, session/start, "
            + "session/end, mark, cue, config, person", error("step/sideways", null));
        assertTrue(error("mark", "{\"x\":").startsWith("mark: bad JSON at line 1, column "));
        assertEquals("mark: payload must be a JSON object, was [...", error("mark", "[1,2]"));
        assertEquals("mark does not take \"force\"; send no payload", error("mark", "{\"force\":1}"));
        assertEquals("\"durationMs\" must be from 1 to 5000, was 9000",
            error("cue", "{\"pattern\":1,\"durationMs\":9000}"));
        assertEquals("cue needs \"pattern\": one of good, adjust, step-done, session-done (or 1-4), was loud",
            error("cue", "{\"pattern\":\"loud\"}"));
        assertEquals("\"bodyWeightKg\" must be from 20 to 300, was 900",
            error("person", "{\"name\":\"ana\",\"bodyWeightKg\":900}"));
        assertEquals("config needs at least one key, e.g. {\"stroke.maxMm\": 55}", error("config", "{}"));
        assertEquals("config: \"stroke.maxMm\" must be a number, text or true/false, was object",
            error("config", "{\"stroke.maxMm\":{}}"));
        assertTrue(error("mark", "x".repeat(5000)).contains("over the 4096-byte limit"));
    }

    @Property
    void onlyEverThrowsCommandExceptionOnArbitraryInput(@ForAll String path, @ForAll byte[] payload) {
        try {
            parser.parse(path, payload);
        } catch (CommandException expected) {
            assertTrue(!expected.getMessage().isBlank());
        }
    }

    @Property
    void onlyEverThrowsCommandExceptionOnArbitraryJsonText(@ForAll("commandPaths") String path,
                                                                 @ForAll String text) {
        try {
            parser.parse(path, ("{\"pattern\":" + text + "}").getBytes(UTF_8));
        } catch (CommandException expected) {
            assertTrue(!expected.getMessage().isBlank());
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> commandPaths() {
        return net.jqwik.api.Arbitraries.of(CommandName.values()).map(CommandName::path);
    }
}
