package io.rollcoach.gateway.command;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A command's payload as a person would send it on MQTT or POST it to the display: for round-trip tests. */
final class CommandWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandWire() {
    }

    static byte[] payload(Command command) throws JsonProcessingException {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (command instanceof Command.StartSession start && start.person() != null) {
            fields.put("person", start.person());
        } else if (command instanceof Command.Cue cue) {
            // by name when it has one, as the display's buttons send it
            fields.put("pattern", cue.pattern() % 2 == 0 ? Command.Cue.PATTERNS.get(cue.pattern() - 1) : cue.pattern());
            fields.put("durationMs", cue.durationMs());
        } else if (command instanceof Command.Configure configure) {
            fields.putAll(configure.thresholds());
        } else if (command instanceof Command.SetPerson person) {
            fields.put("name", person.name());
            if (person.bodyWeightKg() != null) {
                fields.put("bodyWeightKg", person.bodyWeightKg());
            }
            if (person.units() != null) {
                fields.put("units", person.units());
            }
        }
        return fields.isEmpty() ? new byte[0] : JSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
    }
}
