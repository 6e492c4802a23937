package io.rollcoach.gateway.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.rollcoach.gateway.command.Command;
import io.rollcoach.gateway.command.CommandParser;
import io.rollcoach.gateway.command.CommandResult;
import org.junit.jupiter.api.Test;

/** Every command record, as the parser makes it from its wire form, is carried out by the engine with an answer. */
class EngineCommandsTest {
    private static final double FORCE = 250;

    private final RecordingSink sink = new RecordingSink();
    private final TechniqueEngine engine = Engines.engine(sink);
    private final CommandParser parser = new CommandParser();

    private CommandResult send(String path, String payload) throws Exception {
        return engine.execute(parser.parse(path, payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyCommandRecordIsCarriedOut() throws Exception {
        new Rolling(engine).roll(5, 38, 30, FORCE);
        List<String[]> wire = List.of(new String[] {"mark", ""}, new String[] {"step/next", ""},
            new String[] {"step/previous", ""}, new String[] {"cue", "{\"pattern\":\"good\"}"},
            new String[] {"config", "{\"stroke.maxMm\":60}"}, new String[] {"person", "{\"name\":\"ana\"}"},
            new String[] {"session/end", ""}, new String[] {"session/start", "{\"person\":\"ben\"}"});
        Set<Class<?>> carried = new HashSet<>();
        for (String[] command : wire) {
            Command parsed = parser.parse(command[0], command[1].getBytes(StandardCharsets.UTF_8));
            CommandResult result = engine.execute(parsed);
            assertFalse(result.message().isBlank(), command[0]);
            carried.add(parsed.getClass());
        }
        assertEquals(Set.of(Command.class.getPermittedSubclasses()), carried);
        assertEquals("ben", engine.person());
        assertEquals(60, engine.config().strokeMaxMm());
    }

    @Test
    void theEngineAnswersWhatOnlyItCanKnow() throws Exception {
        assertEquals("no session is running", send("session/end", "").message());
        assertEquals("the roller is not connected; cue not sent", send("cue", "{\"pattern\":2}").message());
        CommandResult tooLow = send("config", "{\"contact.onN\":8}");
        assertFalse(tooLow.ok());
        assertEquals("contact.offN must not exceed contact.onN (8), was 10 (nothing changed)", tooLow.message());
        CommandResult person = send("person", "{\"name\":\"ana\",\"bodyWeightKg\":62.5,\"units\":\"cm\"}");
        assertTrue(person.ok(), person.message());
        assertEquals("person ana, 62.5 kg, units cm", person.message());
    }
}
