package io.rollcoach.gateway.command;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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
        assertEquals(new Command.NextStep(), parse("step/next", null));
        assertEquals(new Command.PreviousStep(), parse("step/previous", ""));
        assertEquals(new Command.EndSession(), parse("session/end", " "));
        assertEquals(new Command.Mark(), parse("mark", "{}"));
        assertEquals(new Command.StartSession(null), parse("session/start", null));
        assertEquals(new Command.StartSession("ana"), parse("session/start", "{\"person\":\"ana\"}"));
    }

    @Test
    void translatesCuePatternNamesAndDefaultsTheDuration() throws Exception {
        assertEquals(new Command.Cue(3, 300), parse("cue", "{\"pattern\":\"step-done\"}"));
        assertEquals(new Command.Cue(2, 1000), parse("cue", "{\"pattern\":2,\"durationMs\":1000}"));
    }

    @Test
    void personAndConfigCarryTheirValuesTyped() throws Exception {
        assertEquals(new Command.SetPerson("ana", 62.0, "cm"),
            parse("person", "{\"name\":\"ana\",\"bodyWeightKg\":62,\"units\":\"cm\"}"));
        assertEquals(new Command.SetPerson("ben", null, null), parse("person", "{\"name\":\"ben\"}"));
        assertEquals(new Command.Configure(Map.of("stroke.maxMm", 60, "routine.autoAdvance", true)),
            parse("config", "{\"routine.autoAdvance\":true,\"stroke.maxMm\":60}"));
    }

    @Test
    void everyCommandNameParsesToARecordOfItsOwn() throws Exception {
        Map<CommandName, String> payloads = Map.of(CommandName.CUE, "{\"pattern\":\"good\"}", CommandName.CONFIG,
            "{\"stroke.maxMm\":60}", CommandName.PERSON, "{\"name\":\"ana\"}");
        Set<Class<?>> records = new HashSet<>();
        for (CommandName name : CommandName.values()) {
            Command command = parse(name.path(), payloads.get(name));
            assertEquals(name, command.kind());
            records.add(command.getClass());
        }
        assertEquals(Set.of(Command.class.getPermittedSubclasses()), records);
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
        assertEquals("\"name\" is required, as text", error("person", "{\"bodyWeightKg\":70}"));
        assertEquals("\"name\" must be text of 1 to 64 characters", error("person", "{\"name\":\" \"}"));
        assertEquals("units must be \"in\" or \"cm\", was mm", error("person", "{\"name\":\"ana\",\"units\":\"mm\"}"));
        assertEquals("\"person\" must be text of 1 to 64 characters", error("session/start", "{\"person\":7}"));
        assertEquals("\"pattern\" must be from 1 to 4, was 4.5", error("cue", "{\"pattern\":4.5}"));
        assertEquals("person does not take \"age\"; it takes [name, bodyWeightKg, units]",
            error("person", "{\"name\":\"ana\",\"age\":40}"));
    }

    @Property
    void everyCommandSurvivesItsWireForm(@ForAll("commands") Command command) throws Exception {
        assertEquals(command, parser.parse(command.kind().path(), CommandWire.payload(command)));
    }

    @Provide
    Arbitrary<Command> commands() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange(' ', '~').withChars("\u00e9\u00df\u00f8")
            .ofMinLength(1).ofMaxLength(Command.MAX_PERSON_NAME).filter(name -> !name.isBlank());
        Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.integers().between(-1000, 1000).map(v -> v),
            Arbitraries.doubles().between(-1000, 1000).ofScale(2).map(v -> v), Arbitraries.of(true, false).map(v -> v),
            Arbitraries.of("in", "cm", "60").map(v -> v));
        return Arbitraries.oneOf(
            Arbitraries.of(new Command.NextStep(), new Command.PreviousStep(), new Command.EndSession(),
                new Command.Mark()),
            names.injectNull(0.3).map(Command.StartSession::new),
            Combinators.combine(Arbitraries.integers().between(1, Command.Cue.PATTERNS.size()),
                Arbitraries.integers().between(Command.Cue.MIN_DURATION_MS, Command.Cue.MAX_DURATION_MS))
                .as(Command.Cue::new),
            Arbitraries.maps(Arbitraries.of("stroke.maxMm", "coverage.windowS", "routine.autoAdvance", "person.units"),
                values).ofMinSize(1).ofMaxSize(4).map(Command.Configure::new),
            Combinators.combine(names, Arbitraries.doubles().between(Command.SetPerson.MIN_BODY_WEIGHT_KG,
                    Command.SetPerson.MAX_BODY_WEIGHT_KG).ofScale(1).injectNull(0.3),
                Arbitraries.of(Command.SetPerson.UNITS).injectNull(0.3)).as(Command.SetPerson::new));
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

    @Provide
    Arbitrary<String> commandPaths() {
        return Arbitraries.of(CommandName.values()).map(CommandName::path);
    }
}
